//! The privacy lint, part of `check`: warn wherever content looks as if it
//! holds a personal identifier, so that a report about real cases is not
//! published with one in it.
//!
//! Every content file's text is scanned as written (front matter, YAML and
//! Markdown alike), except the criteria framework, which is published
//! material. What is looked for:
//!
//! - National Insurance numbers (`AB 12 34 56 C`), with the prefixes HMRC
//!   never issues left out;
//! - NHS numbers (ten digits, `943 476 5919`) whose check digit is right;
//! - Police National Computer and Criminal Records Office numbers
//!   (`05/123456X`, `123456/05X`);
//! - unique pupil numbers (a letter and twelve characters) whose check
//!   letter is right;
//! - full UK postcodes (`SW1A 1AA`), in capitals;
//! - e-mail addresses and UK phone numbers (`01632 960123`,
//!   `+44 7700 900123`);
//! - a date just after "born", "DOB" or "date of birth";
//! - any term listed in the file `privacy.deny_terms_file` names (whole
//!   words, any case).
//!
//! A match whose exact text is listed in `privacy.allow` is accepted. The
//! lint only warns: `--strict` makes its warnings stop a build.

use crate::content::memo::Memo;
use crate::content::{ContentKind, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Review;
use std::path::Path;

/// What a match looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier {
    /// A National Insurance number.
    NationalInsurance,
    /// An NHS number.
    Nhs,
    /// A PNC or CRO number.
    PoliceRecord,
    /// A unique pupil number.
    PupilNumber,
    /// A full UK postcode.
    Postcode,
    /// An e-mail address.
    Email,
    /// A UK phone number.
    Phone,
    /// A date of birth.
    BirthDate,
    /// A term from the deny-terms file.
    DeniedTerm(String),
}

impl Identifier {
    fn describe(&self) -> String {
        match self {
            Identifier::NationalInsurance => "a National Insurance number".into(),
            Identifier::Nhs => "an NHS number".into(),
            Identifier::PoliceRecord => "a PNC or CRO number".into(),
            Identifier::PupilNumber => "a unique pupil number".into(),
            Identifier::Postcode => "a full UK postcode".into(),
            Identifier::Email => "an e-mail address".into(),
            Identifier::Phone => "a phone number".into(),
            Identifier::BirthDate => "a date of birth".into(),
            Identifier::DeniedTerm(t) => format!("`{t}`, a term from the deny-terms file"),
        }
    }
}

/// One match: what it looks like, and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it looks like.
    pub what: Identifier,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
}

/// The terms of `privacy.deny_terms_file`, read from the project: one per
/// line; blank lines and lines starting with `#` are skipped. `Err` is a
/// diagnostic at `report.yaml` when the file cannot be read.
pub fn deny_terms(
    root: &Path,
    review: &Review,
    sources: &Sources,
) -> Result<Vec<String>, Diagnostic> {
    let Some(name) = review.report.privacy.deny_terms_file.as_deref() else {
        return Ok(Vec::new());
    };
    let path = root.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()),
        Err(e) => {
            let report = sources.get(review.report_file);
            let pos = report.text.find("deny_terms_file").map(|at| {
                let (line, column) = report.position(at);
                Pos {
                    line,
                    column,
                    len: "deny_terms_file".len(),
                }
            });
            Err(Diagnostic::error(
                "privacy-terms",
                format!("cannot read the deny-terms file `{name}`: {e}"),
            )
            .at(review.report_file, pos)
            .help("give a path from the project folder to a text file with one term per line, or remove `deny_terms_file`"))
        }
    }
}

/// The matches in a text as scanned before, by the hash of the text and of
/// the denied terms (see [`crate::content::memo`]; on in the preview).
static SCANNED: Memo<(u64, u64), Vec<Hit>> = Memo::new();

/// Keep each file's matches from now on, for reuse while the file and the
/// denied terms are unchanged.
pub fn remember() {
    SCANNED.turn_on();
}

/// Drop the kept matches no run has used since the last call.
pub fn forget_unused() -> usize {
    SCANNED.sweep()
}

/// Warn at every match in every content file but the framework.
pub fn lint(review: &Review, sources: &Sources, deny: &[String]) -> Vec<Diagnostic> {
    let allow = &review.report.privacy.allow;
    let deny_hash = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        deny.hash(&mut h);
        h.finish()
    };
    let mut out = Vec::new();
    for (id, file) in sources.files.iter().enumerate() {
        if file.kind == ContentKind::Framework {
            continue;
        }
        let hits = SCANNED.get_or((file.text_hash(), deny_hash), || scan(&file.text, deny));
        for hit in hits {
            let text = &file.text[hit.start..hit.end];
            if allow.iter().any(|a| a == text) {
                continue;
            }
            let (line, column) = file.position(hit.start);
            let pos = Pos {
                line,
                column,
                len: text.chars().count(),
            };
            out.push(
                Diagnostic::warning(
                    "privacy",
                    format!("this looks like {}", hit.what.describe()),
                )
                .at(id, Some(pos))
                .help(format!(
                    "remove it or write a reference instead (a case id, a role); if it is not personal data, list \"{text}\" under `privacy: allow:` in report.yaml"
                )),
            );
        }
    }
    out
}

/// Every match in `text`, in order, none overlapping.
pub fn scan(text: &str, deny: &[String]) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(hit) = at(b, i) {
            i = hit.end;
            hits.push(hit);
        } else {
            i += 1;
        }
    }
    // Keywords and denied terms match in any case: one lower-cased copy
    // serves both (ASCII only, so byte offsets stay those of `text`).
    let lower = text.to_ascii_lowercase();
    birth_dates(&lower, &mut hits);
    denied(&lower, deny, &mut hits);
    hits.sort_by_key(|h| h.start);
    // A date of birth or a denied term inside another match adds nothing.
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match kept.last() {
            Some(last) if h.start < last.end => {}
            _ => kept.push(h),
        }
    }
    kept
}

/// The identifier starting at byte `i`, if any.
fn at(b: &[u8], i: usize) -> Option<Hit> {
    let hit = |what, end| {
        Some(Hit {
            what,
            start: i,
            end,
        })
    };
    let c = b[i];
    if c == b'@' {
        return email(b, i);
    }
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    if c.is_ascii_uppercase() {
        if let Some(end) = national_insurance(b, i) {
            return hit(Identifier::NationalInsurance, end);
        }
        if let Some(end) = pupil_number(b, i) {
            return hit(Identifier::PupilNumber, end);
        }
        if let Some(end) = postcode(b, i) {
            return hit(Identifier::Postcode, end);
        }
    }
    if c.is_ascii_digit() || c == b'+' || c == b'(' {
        if let Some(end) = police_record(b, i) {
            return hit(Identifier::PoliceRecord, end);
        }
        if let Some(end) = nhs(b, i) {
            return hit(Identifier::Nhs, end);
        }
        if let Some(end) = phone(b, i) {
            return hit(Identifier::Phone, end);
        }
    }
    None
}

fn ends_word(b: &[u8], j: usize) -> bool {
    j >= b.len() || !b[j].is_ascii_alphanumeric()
}

/// Digits from `i`: how many, and where they end.
fn digits(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// `AB123456C`, `AB 12 34 56 C`, `AB 123456 C`.
fn national_insurance(b: &[u8], i: usize) -> Option<usize> {
    let (first, second) = (*b.get(i)?, *b.get(i + 1)?);
    if !first.is_ascii_uppercase() || !second.is_ascii_uppercase() {
        return None;
    }
    // Letters HMRC never uses, and prefixes it never issues.
    if b"DFIQUV".contains(&first) || b"DFIOQUV".contains(&second) {
        return None;
    }
    if [b"BG", b"GB", b"NK", b"KN", b"TN", b"NT", b"ZZ"].contains(&&[first, second]) {
        return None;
    }
    // The digits in pairs, spaced only when the letters are.
    let mut j = i + 2;
    let spaced = b.get(j) == Some(&b' ');
    if spaced {
        j += 1;
    }
    let mut count = 0;
    while count < 6 {
        let c = *b.get(j)?;
        if c.is_ascii_digit() {
            count += 1;
            j += 1;
        } else if c == b' ' && spaced && count % 2 == 0 && count > 0 {
            j += 1;
        } else {
            return None;
        }
    }
    if b.get(j) == Some(&b' ') {
        j += 1;
    }
    let suffix = *b.get(j)?;
    ((b'A'..=b'D').contains(&suffix) && ends_word(b, j + 1)).then_some(j + 1)
}

/// Ten digits, grouped 3-3-4 by spaces or hyphens or not at all, whose
/// modulus-11 check digit is right; numbers starting with 0 are left to
/// `phone`.
fn nhs(b: &[u8], i: usize) -> Option<usize> {
    let (ten, end): (Vec<u8>, usize) = if digits(b, i) == 10 {
        (b[i..i + 10].to_vec(), i + 10)
    } else {
        let sep = *b.get(i + 3)?;
        let grouped = digits(b, i) == 3
            && (sep == b' ' || sep == b'-')
            && digits(b, i + 4) == 3
            && b.get(i + 7) == Some(&sep)
            && digits(b, i + 8) == 4;
        if !grouped {
            return None;
        }
        let mut ten = b[i..i + 3].to_vec();
        ten.extend_from_slice(&b[i + 4..i + 7]);
        ten.extend_from_slice(&b[i + 8..i + 12]);
        (ten, i + 12)
    };
    let d: Vec<u32> = ten.iter().map(|c| u32::from(c - b'0')).collect();
    if d[0] == 0 || !ends_word(b, end) {
        return None;
    }
    let sum: u32 = (0..9).map(|k| d[k] * (10 - k as u32)).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    (check == d[9]).then_some(end)
}

/// `05/123456X` (PNC) or `123456/05X` (CRO): digits, a slash, digits and a
/// capital letter.
fn police_record(b: &[u8], i: usize) -> Option<usize> {
    let first = digits(b, i);
    if first == 0 || b.get(i + first) != Some(&b'/') {
        return None;
    }
    let second = digits(b, i + first + 1);
    let pnc = first == 2 && (1..=7).contains(&second);
    let cro = (1..=6).contains(&first) && second == 2;
    let j = i + first + 1 + second;
    let letter = *b.get(j)?;
    ((pnc || cro) && letter.is_ascii_uppercase() && ends_word(b, j + 1)).then_some(j + 1)
}

/// A check letter and twelve characters: eleven digits and a digit (or, for
/// a temporary number, a letter), with the Department for Education's
/// modulus-23 check letter.
fn pupil_number(b: &[u8], i: usize) -> Option<usize> {
    const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let body = b.get(i + 1..i + 13)?;
    if digits(b, i + 1) < 11 || !ends_word(b, i + 13) {
        return None;
    }
    let last = body[11];
    let last_value = if last.is_ascii_digit() {
        u32::from(last - b'0')
    } else {
        LETTERS.iter().position(|l| *l == last)? as u32
    };
    let sum: u32 = body[..11]
        .iter()
        .enumerate()
        .map(|(k, c)| u32::from(c - b'0') * (k as u32 + 2))
        .sum::<u32>()
        + last_value * 13;
    (LETTERS[(sum % 23) as usize] == b[i]).then_some(i + 13)
}

/// A full postcode in capitals: `A9 9AA`, `A99 9AA`, `AA9 9AA`, `AA99 9AA`,
/// `A9A 9AA`, `AA9A 9AA`, the space optional.
fn postcode(b: &[u8], i: usize) -> Option<usize> {
    let upper = |j: usize| b.get(j).is_some_and(u8::is_ascii_uppercase);
    let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    if !upper(i) || b"QVX".contains(&b[i]) {
        return None;
    }
    let mut j = i + 1;
    if upper(j) {
        j += 1;
    }
    if !digit(j) {
        return None;
    }
    j += 1;
    // The outward code's last character, when it has one more.
    let inward = |k: usize| {
        digit(k)
            && upper(k + 1)
            && upper(k + 2)
            && !b"CIKMOV".contains(&b[k + 1])
            && !b"CIKMOV".contains(&b[k + 2])
            && ends_word(b, k + 3)
    };
    for outward_end in [j + 1, j] {
        if outward_end == j + 1 && !(digit(j) || upper(j)) {
            continue;
        }
        let mut k = outward_end;
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        if inward(k) {
            return Some(k + 3);
        }
    }
    None
}

/// `name@example.org`: the hit starts at the first character of the name.
fn email(b: &[u8], at: usize) -> Option<Hit> {
    let local = |c: &u8| c.is_ascii_alphanumeric() || b"._%+-".contains(c);
    let domain = |c: &u8| c.is_ascii_alphanumeric() || b".-".contains(c);
    let start = at - b[..at].iter().rev().take_while(|c| local(c)).count();
    let mut end = at + 1 + b[at + 1..].iter().take_while(|c| domain(c)).count();
    // A full stop ending a sentence is not part of the address.
    while end > at + 1 && b[end - 1] == b'.' {
        end -= 1;
    }
    let host = &b[at + 1..end];
    let tld = host.rsplit(|c| *c == b'.').next()?;
    let dotted = host.contains(&b'.') && !host.starts_with(b".");
    (start < at && dotted && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(
        Hit {
            what: Identifier::Email,
            start,
            end,
        },
    )
}

/// A UK number: `0` and 9 or 10 more digits, or `+44` and 9 or 10 digits
/// (an optional `(0)`), grouped by single spaces or hyphens, the area code
/// perhaps in brackets.
fn phone(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let international = b[j..].starts_with(b"+44");
    if international {
        j += 3;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        if b[j.min(b.len())..].starts_with(b"(0)") {
            j += 3;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
        }
    } else if b.get(j) == Some(&b'(') {
        if b.get(j + 1) != Some(&b'0') {
            return None;
        }
    } else if b.get(j) != Some(&b'0') {
        return None;
    }
    let mut count = 0;
    let mut end = j;
    let mut bracket = false;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            count += 1;
            j += 1;
            end = j;
        } else if c == b'(' && count == 0 && !bracket {
            bracket = true;
            j += 1;
        } else if c == b')' && bracket {
            bracket = false;
            j += 1;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
        } else if (c == b' ' || c == b'-')
            && count > 0
            && b.get(j + 1).is_some_and(u8::is_ascii_digit)
        {
            j += 1;
        } else {
            break;
        }
    }
    let wanted = if international { 9..=10 } else { 10..=11 };
    (wanted.contains(&count) && ends_word(b, end)).then_some(end)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date just after "born", "DOB", "D.O.B." or "date of birth", in the
/// lower-cased text.
fn birth_dates(lower: &str, hits: &mut Vec<Hit>) {
    let b = lower.as_bytes();
    for key in ["date of birth", "born", "d.o.b.", "d.o.b", "dob"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found;
            from = at + key.len();
            let starts = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            if !starts || !ends_word(b, at + key.len()) && !key.ends_with('.') {
                continue;
            }
            // Within a few characters: "born on 3 May 2009", "DOB: 03/05/09".
            let window_end = (from + 24).min(b.len());
            let mut k = from;
            while k < window_end {
                if (k == 0 || !b[k - 1].is_ascii_alphanumeric())
                    && let Some(end) = date(b, k)
                {
                    hits.push(Hit {
                        what: Identifier::BirthDate,
                        start: k,
                        end,
                    });
                    break;
                }
                k += 1;
            }
        }
    }
}

/// A date at `i` in lower-cased text: `3/5/2009`, `03-05-09`, `2009-05-03`,
/// `3 May 2009`, `3rd May 2009`, `May 3, 2009`, `May 2009`.
fn date(b: &[u8], i: usize) -> Option<usize> {
    let n = digits(b, i);
    if (1..=2).contains(&n) || n == 4 {
        // Numeric, with one separator used twice.
        let sep = *b.get(i + n)?;
        if b"/-.".contains(&sep) {
            let m = digits(b, i + n + 1);
            if (1..=2).contains(&m) && b.get(i + n + 1 + m) == Some(&sep) {
                let y = digits(b, i + n + m + 2);
                let ok = if n == 4 {
                    (1..=2).contains(&y)
                } else {
                    y == 2 || y == 4
                };
                let end = i + n + m + 2 + y;
                if ok && ends_word(b, end) {
                    return Some(end);
                }
            }
        }
        // A day, perhaps with "st", "nd", "rd" or "th", then a month name.
        if n <= 2 {
            let mut j = i + n;
            for suffix in [&b"st"[..], b"nd", b"rd", b"th"] {
                if b[j..].starts_with(suffix) {
                    j += 2;
                    break;
                }
            }
            if b.get(j) == Some(&b' ') {
                return month_year(b, j + 1);
            }
        }
        return None;
    }
    // A month name first: "may 3, 2009" or "may 2009".
    let end = month(b, i)?;
    let mut j = end;
    if b.get(j) != Some(&b' ') {
        return None;
    }
    j += 1;
    let d = digits(b, j);
    if d == 4 {
        return ends_word(b, j + 4).then_some(j + 4);
    }
    if (1..=2).contains(&d) {
        j += d;
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        if b.get(j) == Some(&b' ') && digits(b, j + 1) == 4 && ends_word(b, j + 5) {
            return Some(j + 5);
        }
    }
    None
}

/// A month name (or its first three letters) at `i`, then a space and a
/// year of four digits.
fn month_year(b: &[u8], i: usize) -> Option<usize> {
    let j = month(b, i)?;
    (b.get(j) == Some(&b' ') && digits(b, j + 1) == 4 && ends_word(b, j + 5)).then_some(j + 5)
}

fn month(b: &[u8], i: usize) -> Option<usize> {
    for name in MONTHS {
        let name = name.as_bytes();
        if b[i..].starts_with(name) && ends_word(b, i + name.len()) {
            return Some(i + name.len());
        }
        if b[i..].starts_with(&name[..3]) && ends_word(b, i + 3) {
            return Some(i + 3);
        }
    }
    None
}

/// Each denied term, as a whole word in any case, in the lower-cased text.
fn denied(lower: &str, deny: &[String], hits: &mut Vec<Hit>) {
    if deny.is_empty() {
        return;
    }
    let b = lower.as_bytes();
    for term in deny {
        let term_lower = term.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find(&term_lower) {
            let at = from + found;
            from = at + term_lower.len().max(1);
            let end = at + term_lower.len();
            let whole = (at == 0 || !b[at - 1].is_ascii_alphanumeric()) && ends_word(b, end);
            if whole {
                hits.push(Hit {
                    what: Identifier::DeniedTerm(term.clone()),
                    start: at,
                    end,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Identifier, &str)> {
        scan(text, &[])
            .into_iter()
            .map(|h| (h.what, &text[h.start..h.end]))
            .collect()
    }

    fn one(text: &str) -> Option<(Identifier, String)> {
        let all = found(text);
        assert!(all.len() <= 1, "{text}: {all:?}");
        all.into_iter().next().map(|(w, t)| (w, t.to_string()))
    }

    #[test]
    fn national_insurance_numbers_in_their_usual_shapes() {
        for text in ["AB123456C", "AB 12 34 56 C", "AB 123456 C", "(JG103759A)"] {
            let (what, _) = one(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(what, Identifier::NationalInsurance, "{text}");
        }
        // Letters and prefixes never issued; a suffix past D; a longer word.
        for text in [
            "QQ123456C",
            "GB123456A",
            "AB123456E",
            "XAB123456C",
            "AB1234567C",
        ] {
            assert!(
                !found(text)
                    .iter()
                    .any(|(w, _)| *w == Identifier::NationalInsurance),
                "{text}"
            );
        }
    }

    #[test]
    fn nhs_numbers_need_a_right_check_digit() {
        assert_eq!(one("NHS 943 476 5919.").unwrap().1, "943 476 5919");
        assert_eq!(one("9434765919").unwrap().0, Identifier::Nhs);
        assert_eq!(one("943-476-5919").unwrap().0, Identifier::Nhs);
        // One digit off: not an NHS number.
        assert_eq!(one("943 476 5918"), None);
        // A mixed grouping is not one either.
        assert_eq!(one("943 476-5919"), None);
    }

    #[test]
    fn police_record_numbers() {
        assert_eq!(one("PNC 05/123456X").unwrap().1, "05/123456X");
        assert_eq!(one("CRO 123456/05M").unwrap().0, Identifier::PoliceRecord);
        // Dates and fractions are not.
        for text in ["12/05/2024", "3/4", "2019/20", "05/123456x"] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn pupil_numbers_need_a_right_check_letter() {
        // The check letter of 20102011000 1 is worked out here from the
        // rule: the characters times their positions, modulo 23.
        let body = b"201020110001";
        let sum: u32 = body
            .iter()
            .enumerate()
            .map(|(k, c)| u32::from(c - b'0') * (k as u32 + 2))
            .sum();
        let letter = b"ABCDEFGHJKLMNPQRTUVWXYZ"[(sum % 23) as usize] as char;
        let upn = format!("{letter}201020110001");
        assert_eq!(one(&upn).unwrap().0, Identifier::PupilNumber);
        let wrong = if letter == 'A' { 'B' } else { 'A' };
        assert_eq!(one(&format!("{wrong}201020110001")), None);
    }

    #[test]
    fn full_postcodes_in_capitals() {
        for text in [
            "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB",
        ] {
            assert_eq!(one(text).unwrap().0, Identifier::Postcode, "{text}");
        }
        // Half a postcode, lower case, letters never used inward.
        for text in ["SW1A", "sw1a 1aa", "B33 8CH", "Standard 2.1 and 3.2"] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn email_addresses_and_phone_numbers() {
        assert_eq!(
            one("Write to j.smith+yot@example.gov.uk.").unwrap(),
            (Identifier::Email, "j.smith+yot@example.gov.uk".to_string())
        );
        assert_eq!(one("an @mention"), None);
        assert_eq!(one("user@localhost"), None);
        for text in [
            "01632 960123",
            "01632-960123",
            "(01632) 960123",
            "07700 900123",
            "020 7946 0958",
            "+44 7700 900123",
            "+44 (0)20 7946 0958",
        ] {
            assert_eq!(one(text).unwrap().0, Identifier::Phone, "{text}");
        }
        for text in ["0 to 10", "2019-2020", "0.5", "18 cases", "0800 11"] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn dates_just_after_born_or_dob() {
        for (text, date) in [
            ("born 3 May 2009", "3 May 2009"),
            ("Born on 3rd May 2009", "3rd May 2009"),
            ("DOB: 03/05/2009", "03/05/2009"),
            ("D.O.B. 03-05-09", "03-05-09"),
            ("date of birth 2009-05-03", "2009-05-03"),
            ("born in March 2009", "March 2009"),
            ("born May 3, 2009", "May 3, 2009"),
        ] {
            assert_eq!(
                one(text),
                Some((Identifier::BirthDate, date.to_string())),
                "{text}"
            );
        }
        // A date elsewhere, a year alone, "born" inside a word.
        for text in [
            "reviewed on 3 May 2009",
            "born in 2009",
            "stubborn 3 May 2009",
            "born and raised in the area; on 3 May 2009 the plan began",
        ] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn denied_terms_are_whole_words_in_any_case() {
        let deny = ["Riverside Estate".to_string(), "Kay".to_string()];
        let hits = scan("Met at riverside estate. Kayak club. KAY said", &deny);
        let texts: Vec<&str> = hits
            .iter()
            .map(|h| &"Met at riverside estate. Kayak club. KAY said"[h.start..h.end])
            .collect();
        assert_eq!(texts, ["riverside estate", "KAY"]);
    }

    #[test]
    fn ordinary_review_text_has_nothing() {
        let text = "Standard 2.1 was met in 14 of 18 cases (78%). Case C04 and C11: \
                    the plan of 12/05/2024 was reviewed within 10 working days. \
                    Version 1.2.3, page 4-5, 2023-24, 0.5 FTE, ISO 27001.";
        assert_eq!(found(text), []);
    }
}
