//! The privacy lint, part of `check`: warn wherever content looks as if it
//! holds a personal identifier, so that a report about real cases is not
//! published with one in it.
//!
//! Every content file but the criteria framework (published material) is
//! scanned three ways, and every match is one warning at the file, line and
//! column where its first character was written:
//!
//! 1. **As written.** The file's text, byte for byte: this is what lands in
//!    link addresses, raw HTML attributes and the YAML values copied into
//!    `data/report.json`.
//! 2. **As a reader sees it.** The file's reading ([`SourceFile::reading`],
//!    made by [`crate::content::reader`]): pulldown-cmark's events for
//!    each Markdown body, with the options the renderer uses (the very
//!    events `parse` rendered the body from), and for each
//!    YAML file and front matter block (case `notes`, summaries and titles
//!    are Markdown or plain text held in YAML strings, and YAML folds a
//!    value's line breaks as Markdown does). It keeps the text and code,
//!    entities decoded (also in raw HTML), emphasis and link marks dropped,
//!    line breaks within a block joined by a space, runs of white space
//!    read as one space, invisible characters (soft hyphens, zero-width
//!    spaces) dropped and non-breaking hyphens read as hyphens. Every byte
//!    of that text remembers the bytes of the file it came from, so a
//!    number split by a hard wrap, written `AB 12 *34* 56 C` or with
//!    `&#64;` is reported where the author typed it.
//! 3. **Its name.** The file's path, published in the site's addresses,
//!    ids and `data/report.json`, with `-` and `_` read as spaces.
//!
//! What is looked for, in any case of letters:
//!
//! - National Insurance numbers: two prefix letters, six digits in pairs
//!   and a suffix A–D, spaced, hyphenated, dotted or run together. HMRC's
//!   National Insurance Manual (NIM39110) fixes the shape: D, F, I, Q, U
//!   and V are never prefix letters, O never the second, and the prefixes
//!   BG, GB, KN, NK, NT, TN and ZZ are not used.
//! - NHS numbers: ten digits, run together or grouped 3-3-4 by spaces,
//!   hyphens or dots, whose modulus-11 check digit is right (NHS Data
//!   Dictionary, "NHS Number": weights 10 down to 2, 11 − remainder, a
//!   result of 10 is never issued).
//! - Police National Computer numbers (`05/123456X`, `2005/123456X`) and
//!   Criminal Records Office numbers (`123456/05X`, `SF05/123456X`). A
//!   capital check letter is taken on its shape; a lower-case one must also
//!   be the right check letter, so fractions and footnote marks in prose
//!   stay clear. The check letter is the year's last two digits followed
//!   by the serial (seven digits for a PNC number, six for a CRO number),
//!   modulo 23, in `ZABCDEFGHJKLMNPQRTUVWXY`, as the Ministry of Justice's
//!   person-record service checks them (ministryofjustice/hmpps-person-record,
//!   `PNCIdentifier.kt`, `CROIdentifier.kt`).
//! - Unique pupil numbers: a check letter and twelve characters, the
//!   check letter right (Government Data Standards Catalogue, "Unique Pupil
//!   Number" 2.0: the characters times their positions from 2, modulo 23,
//!   in the alphabet without I, O and S).
//! - Full UK postcodes, whose area is one of the 126 postcode areas
//!   (Wikipedia, "List of postcode districts in the United Kingdom"), and
//!   whose inward code is a digit and two letters other than C, I, K, M, O
//!   and V (BS 7666, as Royal Mail's postcode format notes give it). In
//!   lower-case letters an inward code that reads as an ordinal (`2nd`,
//!   `3rd`, `4th`) is not taken, so "B2 2nd floor" in notes stays clear.
//! - E-mail addresses.
//! - UK phone numbers on the ranges that reach a person or a household:
//!   geographic (01, 02), corporate and VoIP (05) and mobile or personal
//!   (07) numbers, written `01632 960123`, `(01632) 960123`,
//!   `020-7946-0958`, `020.7946.0958`, `+44 7700 900123`, `+44-20-…`,
//!   `+44 (0)20 …` or `0044 20 …`. Numbers on 03 (public bodies and
//!   charities), 08 (freephone helplines such as `0808 800 5000`, special
//!   rate) and 09 (premium rate) are services' numbers, not personal data,
//!   and are not flagged (Ofcom's National Telephone Numbering Plan). The
//!   numbers Ofcom keeps for drama (the fictional area code 01632, mobiles
//!   07700 900000–900999, as the BBC's "The 20,000 fake phone numbers"
//!   reports them) look like any other number and are flagged: they are
//!   what tests use.
//!   A number written just after "ISBN" is a book, not a phone.
//! - A date just after "born", "b.", "DOB", "D.O.B." or "date of birth":
//!   `3 May 2009`, `1st Feb 09`, `1st of February 2009`, `Feb 1st, 2009`,
//!   `May 2009`, `01/02/2009`, `1.2.09`, `2009-02-01`. A year alone
//!   ("born in 2009") is an age, not a date of birth, and is not flagged;
//!   nor is "born-again", nor a date in the next sentence.
//! - Any term listed in the file `privacy.deny_terms_file` names (whole
//!   words, any case).
//!
//! A match whose text, as written or as read, is listed in `privacy.allow`
//! is accepted. The lint only warns: `--strict` makes its warnings stop a
//! build. Every detector looks at a bounded number of bytes from where it
//! starts (runs of digits are read at most [`MAX_DIGITS`] long), so a scan
//! is linear in the length of the text whatever the text holds.

pub use crate::content::reader::{ReaderText, reader_text};
use crate::content::{ContentKind, FileId, FileKey, Memos, SourceFile, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Review;
use rayon::prelude::*;
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

/// One match: what it looks like, where it was written and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it looks like.
    pub what: Identifier,
    /// Byte offset of its first character in the scanned file.
    pub start: usize,
    /// Byte offset in the file just after it.
    pub end: usize,
    /// The match as a reader sees it (`AB 12 34 56 C` for a number split
    /// by a line wrap, `a@example.org` for `a&#64;example.org`).
    pub shown: String,
}

/// The terms of `privacy.deny_terms_file`, read from the project: one per
/// line; blank lines and lines starting with `#` are skipped. `Err` is a
/// diagnostic at `report.yaml` when the file cannot be read.
pub fn deny_terms(root: &Path, review: &Review) -> Result<Vec<String>, Diagnostic> {
    let Some(setting) = review.report.privacy.deny_terms_file.as_ref() else {
        return Ok(Vec::new());
    };
    let name = setting.value.as_str();
    let path = root.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()),
        // At the setting's value, as the YAML parser placed it (not at
        // the first time its words are written, which may be a comment).
        Err(e) => Err(Diagnostic::error(
                "privacy-terms",
                format!("cannot read the deny-terms file `{name}`: {e}"),
            )
        .at(review.report_file, crate::content::yaml::pos_of(setting))
        .help("give a path from the project folder to a text file with one term per line, or remove `deny_terms_file`")),
    }
}

/// Warn at every match in every content file but the framework, and at
/// every file whose name looks like an identifier. With `memos` on, a file
/// whose path and text are unchanged, linted with the same allowed and
/// denied terms, is given the warnings it had.
pub fn lint(review: &Review, sources: &Sources, deny: &[String], memos: &Memos) -> Vec<Diagnostic> {
    let allow = &review.report.privacy.allow;
    let settings = memos.privacy.is_on().then(|| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (allow, deny).hash(&mut h);
        h.finish()
    });
    // Files are scanned on every core: each on its own, and together they
    // are the whole text of the review.
    let per_file: Vec<Vec<Diagnostic>> = sources
        .files
        .par_iter()
        .enumerate()
        // A file that is not UTF-8 is not read (only shown in its error).
        .filter(|(_, file)| file.kind != ContentKind::Framework && !file.unreadable)
        .map(|(id, file)| {
            remembered(id, file, settings, memos, || {
                lint_file(id, file, allow, deny)
            })
        })
        .collect();
    per_file.concat()
}

/// `lint()` of file `id`, or the warnings kept for a file at the same path
/// with the same text, linted with the same `settings` (a hash of the
/// allowed and denied terms; `None` when the memos are off).
fn remembered(
    id: FileId,
    file: &SourceFile,
    settings: Option<u64>,
    memos: &Memos,
    lint: impl FnOnce() -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let Some(settings) = settings else {
        return lint();
    };
    let key = (FileKey::of(file), settings);
    match memos.privacy.get(&key) {
        // Made when the file may have had another id.
        Some(mut kept) => {
            for d in &mut kept {
                d.file = Some(id);
            }
            kept
        }
        None => {
            let fresh = lint();
            memos.privacy.put(key, fresh.clone());
            fresh
        }
    }
}

/// The warnings about one file: its name, then its text.
fn lint_file(id: FileId, file: &SourceFile, allow: &[String], deny: &[String]) -> Vec<Diagnostic> {
    let allowed = |texts: &[&str]| allow.iter().any(|a| texts.contains(&a.as_str()));
    let mut out = Vec::new();
    for hit in scan_name(&file.path, deny) {
        let written = &file.path[hit.start..hit.end];
        if allowed(&[written, hit.shown.as_str()]) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "privacy",
                format!("the file name looks like {}", hit.what.describe()),
            )
            .at(id, None)
            .help(format!(
                "rename the file (its name is published in the site's addresses, ids and data/report.json), say after a case id or the finding's subject; if it is not personal data, list \"{written}\" under `privacy: allow:` in report.yaml"
            )),
        );
    }
    for hit in scan_reading(&file.text, file.reading(), deny) {
        let written = &file.text[hit.start..hit.end];
        if allowed(&[written, hit.shown.as_str()]) {
            continue;
        }
        let (line, column) = file.position(hit.start);
        // Underline to the end of the match or of its first line.
        let first_line = written.split(['\n', '\r']).next().unwrap_or_default();
        let pos = Pos {
            line,
            column,
            len: first_line.chars().count(),
        };
        let mut message = format!("this looks like {}", hit.what.describe());
        if written != hit.shown {
            message.push_str(&format!(", read as `{}`", hit.shown));
        }
        out.push(
            Diagnostic::warning("privacy", message)
                .at(id, Some(pos))
                .help(format!(
                    "remove it or write a reference instead (a case id, a role); if it is not personal data, list \"{}\" under `privacy: allow:` in report.yaml",
                    hit.shown
                )),
        );
    }
    out
}

/// Every match in a file's name: `path` with `-` and `_` read as spaces,
/// as a slug stands for words. Offsets are those of `path`.
pub fn scan_name(path: &str, deny: &[String]) -> Vec<Hit> {
    let read: String = path
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    scan(&read, deny)
        .into_iter()
        .map(|h| Hit {
            shown: path[h.start..h.end].to_string(),
            ..h
        })
        .collect()
}

/// Every match in a content file's `text`, as written and as a reader sees
/// it (a Markdown body when `markdown`, else YAML), in order, none
/// overlapping; offsets are those of `text`.
pub fn scan_source(text: &str, markdown: bool, deny: &[String]) -> Vec<Hit> {
    scan_reading(text, &reader_text(text, markdown), deny)
}

/// [`scan_source`], with the text as a reader sees it already read.
fn scan_reading(text: &str, reader: &ReaderText, deny: &[String]) -> Vec<Hit> {
    let mut hits = scan(text, deny);
    hits.extend(scan(&reader.text, deny).into_iter().map(|h| {
        let (start, end) = reader.source_range(h.start..h.end);
        Hit { start, end, ..h }
    }));
    keep_first(hits)
}

/// `hits` in order of where they start, the longest first, dropping any
/// that overlaps one kept before it.
fn keep_first(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match kept.last() {
            Some(last) if h.start < last.end => {}
            _ => kept.push(h),
        }
    }
    kept
}

/// Every match in `text` read as it is, in order, none overlapping.
pub fn scan(text: &str, deny: &[String]) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some((what, start, end)) = at(b, i) {
            i = end;
            hits.push(Hit {
                what,
                start,
                end,
                shown: String::new(),
            });
        } else {
            i += 1;
        }
    }
    // Keywords and denied terms match in any case: one lower-cased copy
    // serves both (ASCII only, so byte offsets stay those of `text`).
    let lower = text.to_ascii_lowercase();
    birth_dates(&lower, &mut hits);
    denied(&lower, deny, &mut hits);
    let mut kept = keep_first(hits);
    for h in &mut kept {
        h.shown = text[h.start..h.end].to_string();
    }
    kept
}

// ---------------------------------------------------------------------------
// The detectors. Each reads the bytes of a text from a position, in any case
// of letters, and looks at a bounded number of them.

/// The most digits of a run any detector reads: no identifier has more,
/// and the bound keeps the work at each position constant, so a long run
/// of digits cannot make the scan quadratic.
pub const MAX_DIGITS: usize = 16;

/// The identifier starting at byte `i`, if any: its kind, start and end.
fn at(b: &[u8], i: usize) -> Option<(Identifier, usize, usize)> {
    let c = b[i];
    if c == b'@' {
        return email(b, i).map(|(start, end)| (Identifier::Email, start, end));
    }
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let found = |what, end: Option<usize>| end.map(|end| (what, i, end));
    // Every identifier that starts with a letter has a digit among the
    // next three characters; most words have none, and end here.
    if c.is_ascii_alphabetic() && (1..=3).any(|k| digit(b, i + k)) {
        return found(Identifier::NationalInsurance, national_insurance(b, i))
            .or_else(|| found(Identifier::PupilNumber, pupil_number(b, i)))
            .or_else(|| found(Identifier::Postcode, postcode(b, i)))
            .or_else(|| found(Identifier::PoliceRecord, special_fingerprint(b, i)));
    }
    if (c.is_ascii_digit() || c == b'+' || c == b'(') && !after_isbn(b, i) {
        return found(Identifier::PoliceRecord, police_record(b, i))
            .or_else(|| found(Identifier::Nhs, nhs(b, i)))
            .or_else(|| found(Identifier::Phone, phone(b, i)));
    }
    None
}

fn ends_word(b: &[u8], j: usize) -> bool {
    j >= b.len() || !b[j].is_ascii_alphanumeric()
}

fn letter(b: &[u8], j: usize) -> bool {
    b.get(j).is_some_and(u8::is_ascii_alphabetic)
}

fn digit(b: &[u8], j: usize) -> bool {
    b.get(j).is_some_and(u8::is_ascii_digit)
}

fn upper(b: &[u8], j: usize) -> u8 {
    b.get(j).map_or(0, u8::to_ascii_uppercase)
}

/// How many digits run from `i`, counting at most [`MAX_DIGITS`].
fn digits(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |rest| {
        rest.iter()
            .take(MAX_DIGITS)
            .take_while(|c| c.is_ascii_digit())
            .count()
    })
}

/// The value of the `len` (at most [`MAX_DIGITS`]) digits from `i`.
fn number(b: &[u8], i: usize, len: usize) -> u64 {
    b[i..i + len]
        .iter()
        .fold(0, |n, c| n * 10 + u64::from(c - b'0'))
}

/// A separator between groups of an identifier's characters.
fn separator(c: u8) -> bool {
    c == b' ' || c == b'-' || c == b'.'
}

/// Whether the text just before `i` is "ISBN" (with "-10", "-13" or a
/// colon): the number that follows is a book's.
fn after_isbn(b: &[u8], i: usize) -> bool {
    let before = &b[i.saturating_sub(12)..i];
    let mut end = before.len();
    let trim = |end: &mut usize, set: &[u8]| {
        while *end > 0 && set.contains(&before[*end - 1]) {
            *end -= 1;
        }
    };
    trim(&mut end, b" :");
    for tail in [&b"-10"[..], b"-13", b" 10", b" 13", b"10", b"13"] {
        if before[..end].ends_with(tail) {
            end -= tail.len();
            break;
        }
    }
    trim(&mut end, b" :");
    end >= 4 && before[end - 4..end].eq_ignore_ascii_case(b"isbn")
}

/// `AB123456C`, `AB 12 34 56 C`, `AB 123456 C`, `ab-12-34-56-c`,
/// `AB.12.34.56.C`: one kind of separator, the pairs of digits all
/// separated or none.
fn national_insurance(b: &[u8], i: usize) -> Option<usize> {
    if !letter(b, i) || !letter(b, i + 1) {
        return None;
    }
    let (first, second) = (upper(b, i), upper(b, i + 1));
    // Letters HMRC never uses, and prefixes it never issues (NIM39110).
    if b"DFIQUV".contains(&first) || b"DFIOQUV".contains(&second) {
        return None;
    }
    if [b"BG", b"GB", b"NK", b"KN", b"TN", b"NT", b"ZZ"].contains(&&[first, second]) {
        return None;
    }
    let mut sep: Option<u8> = None;
    // Take a separator at `j` if it is the one used so far.
    let take = |j: &mut usize, sep: &mut Option<u8>| {
        let Some(&c) = b.get(*j) else { return false };
        if separator(c) && sep.is_none_or(|s| s == c) {
            *sep = Some(c);
            *j += 1;
            true
        } else {
            false
        }
    };
    let mut j = i + 2;
    take(&mut j, &mut sep);
    let mut pairs_separated = None;
    for pair in 0..3 {
        if pair > 0 {
            let separated = take(&mut j, &mut sep);
            if *pairs_separated.get_or_insert(separated) != separated {
                return None;
            }
        }
        if !digit(b, j) || !digit(b, j + 1) {
            return None;
        }
        j += 2;
    }
    take(&mut j, &mut sep);
    let suffix = upper(b, j);
    ((b'A'..=b'D').contains(&suffix) && letter(b, j) && ends_word(b, j + 1)).then_some(j + 1)
}

/// Ten digits, run together or grouped 3-3-4 by one kind of separator,
/// whose modulus-11 check digit is right; numbers starting with 0 are left
/// to [`phone`].
fn nhs(b: &[u8], i: usize) -> Option<usize> {
    let n = digits(b, i);
    let (ten, end): (Vec<u8>, usize) = if n == 10 {
        (b[i..i + 10].to_vec(), i + 10)
    } else if n == 3 {
        let sep = *b.get(i + 3)?;
        let grouped = separator(sep)
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
    } else {
        return None;
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

/// The check letters of PNC and CRO numbers, by remainder modulo 23.
const POLICE_CHECK: &[u8; 23] = b"ZABCDEFGHJKLMNPQRTUVWXY";

/// Whether the letter at `j` closes a police record number whose check
/// value is one of `values`: a capital is taken on its shape, a lower-case
/// letter only when it is the right check letter.
fn police_letter(b: &[u8], j: usize, values: &[Option<u64>]) -> bool {
    let c = b[j];
    c.is_ascii_uppercase()
        || values
            .iter()
            .flatten()
            .any(|v| POLICE_CHECK[(v % 23) as usize] == c.to_ascii_uppercase())
}

/// `05/123456X` or `2005/123456X` (PNC: a year, a slash, a serial of up to
/// seven digits and a check letter) or `123456/05X` (CRO: a serial of up to
/// six digits, a slash, a year and a check letter).
fn police_record(b: &[u8], i: usize) -> Option<usize> {
    let first = digits(b, i);
    if first == 0 || b.get(i + first) != Some(&b'/') {
        return None;
    }
    let second = digits(b, i + first + 1);
    let j = i + first + 1 + second;
    if !letter(b, j) || !ends_word(b, j + 1) {
        return None;
    }
    let year = match first {
        2 => Some(number(b, i, 2)),
        4 if b[i..].starts_with(b"19") || b[i..].starts_with(b"20") => Some(number(b, i + 2, 2)),
        _ => None,
    };
    let pnc = year
        .filter(|_| (1..=7).contains(&second))
        .map(|yy| yy * 10_000_000 + number(b, i + first + 1, second));
    let cro = ((1..=6).contains(&first) && second == 2)
        .then(|| number(b, i + first + 1, 2) * 1_000_000 + number(b, i, first));
    ((pnc.is_some() || cro.is_some()) && police_letter(b, j, &[pnc, cro])).then_some(j + 1)
}

/// `SF05/123456X`: a CRO number from the fingerprint-only series, whose
/// check value is the year and the serial as written.
fn special_fingerprint(b: &[u8], i: usize) -> Option<usize> {
    if upper(b, i) != b'S' || upper(b, i + 1) != b'F' || digits(b, i + 2) != 2 {
        return None;
    }
    if b.get(i + 4) != Some(&b'/') {
        return None;
    }
    let serial = digits(b, i + 5);
    let j = i + 5 + serial;
    if !(1..=6).contains(&serial) || !letter(b, j) || !ends_word(b, j + 1) {
        return None;
    }
    let value = number(b, i + 2, 2) * 10u64.pow(serial as u32) + number(b, i + 5, serial);
    police_letter(b, j, &[Some(value)]).then_some(j + 1)
}

/// A check letter and twelve characters: eleven digits and a digit (or, for
/// a temporary number, a letter), with the Department for Education's
/// modulus-23 check letter.
fn pupil_number(b: &[u8], i: usize) -> Option<usize> {
    const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    if digits(b, i + 1) < 11 || !ends_word(b, i + 13) {
        return None;
    }
    let last = *b.get(i + 12)?;
    let last_value = if last.is_ascii_digit() {
        u32::from(last - b'0')
    } else {
        LETTERS
            .iter()
            .position(|l| *l == last.to_ascii_uppercase())? as u32
    };
    let sum: u32 = b[i + 1..i + 12]
        .iter()
        .enumerate()
        .map(|(k, c)| u32::from(c - b'0') * (k as u32 + 2))
        .sum::<u32>()
        + last_value * 13;
    (LETTERS[(sum % 23) as usize] == upper(b, i)).then_some(i + 13)
}

/// The 126 postcode areas (with the Crown Dependencies, BFPO and the
/// non-geographic BX): the letters every full postcode starts with.
const POSTCODE_AREAS: &[&[u8]] = &[
    b"AB", b"AL", b"B", b"BA", b"BB", b"BD", b"BF", b"BH", b"BL", b"BN", b"BR", b"BS", b"BT",
    b"BX", b"CA", b"CB", b"CF", b"CH", b"CM", b"CO", b"CR", b"CT", b"CV", b"CW", b"DA", b"DD",
    b"DE", b"DG", b"DH", b"DL", b"DN", b"DT", b"DY", b"E", b"EC", b"EH", b"EN", b"EX", b"FK",
    b"FY", b"G", b"GL", b"GU", b"GY", b"HA", b"HD", b"HG", b"HP", b"HR", b"HS", b"HU", b"HX",
    b"IG", b"IM", b"IP", b"IV", b"JE", b"KA", b"KT", b"KW", b"KY", b"L", b"LA", b"LD", b"LE",
    b"LL", b"LN", b"LS", b"LU", b"M", b"ME", b"MK", b"ML", b"N", b"NE", b"NG", b"NN", b"NP", b"NR",
    b"NW", b"OL", b"OX", b"PA", b"PE", b"PH", b"PL", b"PO", b"PR", b"RG", b"RH", b"RM", b"S",
    b"SA", b"SE", b"SG", b"SK", b"SL", b"SM", b"SN", b"SO", b"SP", b"SR", b"SS", b"ST", b"SW",
    b"SY", b"TA", b"TD", b"TF", b"TN", b"TQ", b"TR", b"TS", b"TW", b"UB", b"W", b"WA", b"WC",
    b"WD", b"WF", b"WN", b"WR", b"WS", b"WV", b"YO", b"ZE",
];

/// A full postcode: an area, a district (a digit, then perhaps a digit or
/// a letter), perhaps one space, and an inward code (a digit and two
/// letters other than C, I, K, M, O, V).
fn postcode(b: &[u8], i: usize) -> Option<usize> {
    let area = if letter(b, i + 1) && POSTCODE_AREAS.contains(&&[upper(b, i), upper(b, i + 1)][..])
    {
        2
    } else if POSTCODE_AREAS.contains(&&[upper(b, i)][..]) {
        1
    } else {
        return None;
    };
    let j = i + area;
    if !digit(b, j) {
        return None;
    }
    let inward = |k: usize| {
        let unit_letter = |k: usize| letter(b, k) && !b"CIKMOV".contains(&upper(b, k));
        let ordinal = [&b"st"[..], b"nd", b"rd", b"th"].contains(&&b[k + 1..k + 3]);
        digit(b, k) && unit_letter(k + 1) && unit_letter(k + 2) && ends_word(b, k + 3) && !ordinal
    };
    // The district is one or two characters after the area's letters.
    for district_end in [j + 2, j + 1] {
        if district_end == j + 2 && !(digit(b, j + 1) || letter(b, j + 1)) {
            continue;
        }
        let mut k = district_end;
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        if k + 3 <= b.len() && inward(k) {
            return Some(k + 3);
        }
    }
    None
}

/// `name@example.org`, found at its `@`: the start of the name and the end
/// of the address. A name has at most 64 characters and a domain 255 (RFC
/// 5321), which also bounds the work at each `@`.
fn email(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let local = |c: &u8| c.is_ascii_alphanumeric() || b"._%+-".contains(c);
    let domain = |c: &u8| c.is_ascii_alphanumeric() || b".-".contains(c);
    let start = at
        - b[..at]
            .iter()
            .rev()
            .take(64)
            .take_while(|c| local(c))
            .count();
    let mut end = at
        + 1
        + b[at + 1..]
            .iter()
            .take(255)
            .take_while(|c| domain(c))
            .count();
    // A full stop ending a sentence is not part of the address.
    while end > at + 1 && b[end - 1] == b'.' {
        end -= 1;
    }
    let host = &b[at + 1..end];
    let tld = host.rsplit(|c| *c == b'.').next()?;
    let dotted = host.contains(&b'.') && !host.starts_with(b".");
    (start < at && dotted && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic))
        .then_some((start, end))
}

/// A UK number on a range that reaches a person (01, 02, 05, 07): `0` and
/// nine or ten digits, or `+44` / `0044` and nine or ten digits (perhaps
/// after `(0)`), grouped by single spaces or hyphens, or by dots alone, the
/// area code perhaps in brackets.
fn phone(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let international = b[j..].starts_with(b"+44") || b[j..].starts_with(b"0044");
    // Which separators group the digits: dots, or spaces and hyphens.
    let (mut dots, mut others) = (false, false);
    let mut note = |c: u8| {
        if c == b'.' {
            dots = true;
        } else {
            others = true;
        }
    };
    if international {
        j += if b[j] == b'+' { 3 } else { 4 };
        if b.get(j).copied().is_some_and(separator) {
            note(b[j]);
            j += 1;
        }
        if b[j.min(b.len())..].starts_with(b"(0)") {
            j += 3;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
        }
    } else {
        // The trunk 0 is never written apart from the area code: `0-14-…`
        // is an ISBN.
        let k = if b[j] == b'(' { j + 1 } else { j };
        if b.get(k) != Some(&b'0') || !digit(b, k + 1) {
            return None;
        }
    }
    let mut count = 0;
    let mut first = None;
    let mut end = j;
    let mut bracket = false;
    while j < b.len() && count <= 11 {
        let c = b[j];
        if c.is_ascii_digit() {
            // The digit after the trunk 0 (or the first after +44) says
            // which range the number is on.
            if (international && count == 0) || (!international && count == 1) {
                first = Some(c);
            }
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
        } else if separator(c) && count > 0 && digit(b, j + 1) {
            note(c);
            j += 1;
        } else {
            break;
        }
    }
    // Dots group a number on their own; spaces and hyphens may mix.
    if dots && others {
        return None;
    }
    let personal = first.is_some_and(|c| b"1257".contains(&c));
    let wanted = if international { 9..=10 } else { 10..=11 };
    (personal && wanted.contains(&count) && ends_word(b, end)).then_some(end)
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

/// A date just after "born", "b.", "DOB", "D.O.B." or "date of birth", in
/// the lower-cased text: within a few characters, and before the sentence
/// or the block ends.
fn birth_dates(lower: &str, hits: &mut Vec<Hit>) {
    let b = lower.as_bytes();
    // Every keyword starts with `b` or `d`: one pass over the text finds
    // them all, where a search for each would read it six times.
    for (at, &first) in b.iter().enumerate() {
        let keys: &[&str] = match first {
            b'b' => &["born", "b."],
            b'd' => &["date of birth", "d.o.b.", "d.o.b", "dob"],
            _ => continue,
        };
        for key in keys {
            if !b[at..].starts_with(key.as_bytes()) {
                continue;
            }
            let from = at + key.len();
            let starts = at == 0 || !b[at - 1].is_ascii_alphanumeric() && b[at - 1] != b'.';
            let ends = key.ends_with('.') || ends_word(b, from) && b.get(from) != Some(&b'-');
            if !starts || !ends {
                continue;
            }
            // "b." is an abbreviation only with the date right after it.
            let reach = if *key == "b." { 2 } else { 24 };
            let window_end = (from + reach).min(b.len());
            let mut k = from;
            while k < window_end {
                let c = b[k];
                if c == b'\n' || c == b';' || c == b'!' || c == b'?' {
                    break;
                }
                if c == b'.' && b.get(k + 1).is_none_or(|n| n.is_ascii_whitespace()) {
                    break;
                }
                if (k == 0 || !b[k - 1].is_ascii_alphanumeric())
                    && let Some(end) = date(b, k)
                {
                    hits.push(Hit {
                        what: Identifier::BirthDate,
                        start: k,
                        end,
                        shown: String::new(),
                    });
                    break;
                }
                k += 1;
            }
        }
    }
}

/// A date at `i` in lower-cased text: `3/5/2009`, `03-05-09`, `1.2.09`,
/// `2009-05-03`, `3 may 2009`, `3rd may 09`, `1st of february 2009`,
/// `may 3, 2009`, `feb 1st, 2009`, `may 2009`.
fn date(b: &[u8], i: usize) -> Option<usize> {
    let n = digits(b, i);
    if n > 0 {
        return numeric_date(b, i, n).or_else(|| day_month_year(b, i, n));
    }
    // A month name first: "may 3, 2009", "feb 1st, 2009" or "may 2009".
    let mut j = month(b, i)?;
    if b.get(j) != Some(&b' ') {
        return None;
    }
    j += 1;
    let d = digits(b, j);
    if d == 4 {
        return ends_word(b, j + 4).then_some(j + 4);
    }
    if !(1..=2).contains(&d) || !(1..=31).contains(&number(b, j, d)) {
        return None;
    }
    j = ordinal_suffix(b, j + d);
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    if b.get(j) != Some(&b' ') {
        return None;
    }
    year(b, j + 1)
}

/// `3/5/2009`, `03-05-09`, `1.2.09` (day and month either way round, one
/// separator twice) or `2009-05-03`.
fn numeric_date(b: &[u8], i: usize, n: usize) -> Option<usize> {
    if !(1..=2).contains(&n) && n != 4 {
        return None;
    }
    let sep = *b.get(i + n)?;
    if !b"/-.".contains(&sep) {
        return None;
    }
    let m = digits(b, i + n + 1);
    if !(1..=2).contains(&m) || b.get(i + n + 1 + m) != Some(&sep) {
        return None;
    }
    let y = digits(b, i + n + m + 2);
    let end = i + n + m + 2 + y;
    let (first, second) = (number(b, i, n), number(b, i + n + 1, m));
    let third = if (1..=2).contains(&y) {
        number(b, end - y, y)
    } else {
        0
    };
    let ok = if n == 4 {
        (1..=2).contains(&y) && (1..=12).contains(&second) && (1..=31).contains(&third)
    } else {
        (y == 2 || y == 4)
            && (1..=31).contains(&first)
            && (1..=31).contains(&second)
            && (first <= 12 || second <= 12)
    };
    (ok && ends_word(b, end)).then_some(end)
}

/// A day (perhaps `1st`, `2nd`…, perhaps followed by "of"), a month name
/// and a year: `1 february 2009`, `1st feb 09`, `1st of february, 2009`.
fn day_month_year(b: &[u8], i: usize, n: usize) -> Option<usize> {
    if n > 2 || !(1..=31).contains(&number(b, i, n)) {
        return None;
    }
    let mut j = ordinal_suffix(b, i + n);
    if b.get(j) != Some(&b' ') {
        return None;
    }
    j += 1;
    if b[j..].starts_with(b"of ") {
        j += 3;
    }
    j = month(b, j)?;
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    if b.get(j) != Some(&b' ') {
        return None;
    }
    year(b, j + 1)
}

/// Past `st`, `nd`, `rd` or `th` at `j`, if there.
fn ordinal_suffix(b: &[u8], j: usize) -> usize {
    let rest = &b[j.min(b.len())..];
    if [&b"st"[..], b"nd", b"rd", b"th"]
        .iter()
        .any(|s| rest.starts_with(s))
        && ends_word(b, j + 2)
    {
        j + 2
    } else {
        j
    }
}

/// A year of two or four digits at `j`, ending a word.
fn year(b: &[u8], j: usize) -> Option<usize> {
    let y = digits(b, j);
    ((y == 2 || y == 4) && ends_word(b, j + y)).then_some(j + y)
}

/// A month name, its first three letters or "sept", perhaps with a full
/// stop after an abbreviation, at `i`: where it ends.
fn month(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i.min(b.len())..];
    for name in MONTHS {
        let name = name.as_bytes();
        if rest.starts_with(name) && ends_word(b, i + name.len()) {
            return Some(i + name.len());
        }
    }
    for name in MONTHS
        .iter()
        .map(|m| &m.as_bytes()[..3])
        .chain([&b"sept"[..]])
    {
        if rest.starts_with(name) && ends_word(b, i + name.len()) {
            let end = i + name.len();
            return Some(if b.get(end) == Some(&b'.') {
                end + 1
            } else {
                end
            });
        }
    }
    None
}

/// Each denied term, as a whole word in any case, in the lower-cased text.
fn denied(lower: &str, deny: &[String], hits: &mut Vec<Hit>) {
    let b = lower.as_bytes();
    for term in deny {
        let term_lower = term.to_ascii_lowercase();
        if term_lower.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(found) = lower[from..].find(&term_lower) {
            let at = from + found;
            from = at + term_lower.len();
            let end = at + term_lower.len();
            let whole = (at == 0 || !b[at - 1].is_ascii_alphanumeric()) && ends_word(b, end);
            if whole {
                hits.push(Hit {
                    what: Identifier::DeniedTerm(term.clone()),
                    start: at,
                    end,
                    shown: String::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;

    /// Every match in a file's `text` (Markdown when `markdown`, else
    /// YAML): its kind, its `line:column` in the file and how it reads.
    fn matches(markdown: bool, text: &str) -> Vec<(Identifier, String, String)> {
        let file = SourceFile::new("x", ContentKind::Finding, text.to_string());
        scan_source(text, markdown, &[])
            .into_iter()
            .map(|h| {
                let (line, column) = file.position(h.start);
                (h.what, format!("{line}:{column}"), h.shown)
            })
            .collect()
    }

    use Identifier::*;

    /// What authors write, one form a row: (Markdown or YAML, the text as
    /// written, what it looks like, where the warning points, how it reads).
    #[rustfmt::skip]
    const TRUE_CORPUS: &[(bool, &str, Identifier, &str, &str)] = &[
        // National Insurance numbers.
        (true, "AB 12 34 56 C", NationalInsurance, "1:1", "AB 12 34 56 C"),
        (true, "ab 12 34 56 c", NationalInsurance, "1:1", "ab 12 34 56 c"),
        (true, "Ab 12 34 56 c", NationalInsurance, "1:1", "Ab 12 34 56 c"),
        (true, "(JG103759A)", NationalInsurance, "1:2", "JG103759A"),
        (true, "AB 123456 C", NationalInsurance, "1:1", "AB 123456 C"),
        (true, "no. AB-12-34-56-C", NationalInsurance, "1:5", "AB-12-34-56-C"),
        (true, "no. ab.12.34.56.c", NationalInsurance, "1:5", "ab.12.34.56.c"),
        (true, "number AB 12 34\n56 C here", NationalInsurance, "1:8", "AB 12 34 56 C"),
        (true, "A line.\r\nNumber AB 12 34\r\n56 C here", NationalInsurance, "2:8", "AB 12 34 56 C"),
        (true, "AB 12 *34* 56 C", NationalInsurance, "1:1", "AB 12 34 56 C"),
        (true, "**AB** 12 34 56 C", NationalInsurance, "1:3", "AB 12 34 56 C"),
        (true, "`AB 12 34 56 C`", NationalInsurance, "1:2", "AB 12 34 56 C"),
        (true, "AB&nbsp;12&nbsp;34&nbsp;56&nbsp;C", NationalInsurance, "1:1", "AB 12 34 56 C"),
        (true, "AB 12 34 56&shy;C", NationalInsurance, "1:1", "AB 12 34 56C"),
        (true, "<div>\n  AB 12 34 56 C\n</div>", NationalInsurance, "2:3", "AB 12 34 56 C"),
        (false, "- id: C1\n  notes: >\n    moved, ab 12 34\n    56 c\n", NationalInsurance, "3:12", "ab 12 34 56 c"),
        (true, "---\ntitle: AB 12 34 56 C\n---\nBody.", NationalInsurance, "2:8", "AB 12 34 56 C"),
        // NHS numbers.
        (true, "NHS 943 476 5919.", Nhs, "1:5", "943 476 5919"),
        (true, "9434765919", Nhs, "1:1", "9434765919"),
        (true, "943-476-5919", Nhs, "1:1", "943-476-5919"),
        (true, "943.476.5919", Nhs, "1:1", "943.476.5919"),
        (true, "943 *476* 5919", Nhs, "1:1", "943 476 5919"),
        (true, "NHS number 943 476\n5919.", Nhs, "1:12", "943 476 5919"),
        // PNC and CRO numbers.
        (true, "PNC 05/123456X", PoliceRecord, "1:5", "05/123456X"),
        (true, "PNC 2005/123456X", PoliceRecord, "1:5", "2005/123456X"),
        (true, "pnc 2005/123456r", PoliceRecord, "1:5", "2005/123456r"),
        (true, "pnc 05/123456r", PoliceRecord, "1:5", "05/123456r"),
        (true, "CRO 123456/05M", PoliceRecord, "1:5", "123456/05M"),
        (true, "cro 123456/05y", PoliceRecord, "1:5", "123456/05y"),
        (true, "CRO SF05/123456X", PoliceRecord, "1:5", "SF05/123456X"),
        (true, "cro sf05/123456y", PoliceRecord, "1:5", "sf05/123456y"),
        // Unique pupil numbers (check letters worked out from the rule).
        (true, "UPN E201020110001", PupilNumber, "1:5", "E201020110001"),
        (true, "upn e201020110001", PupilNumber, "1:5", "e201020110001"),
        (true, "upn e20102011000b", PupilNumber, "1:5", "e20102011000b"),
        // Postcodes.
        (true, "SW1A 1AA", Postcode, "1:1", "SW1A 1AA"),
        (true, "lives at sw1a 1aa now", Postcode, "1:10", "sw1a 1aa"),
        (true, "Sw1A 1aA", Postcode, "1:1", "Sw1A 1aA"),
        (true, "M1 1AE", Postcode, "1:1", "M1 1AE"),
        (true, "B33 8TH", Postcode, "1:1", "B33 8TH"),
        (true, "cr2 6xh", Postcode, "1:1", "cr2 6xh"),
        (true, "DN55 1PT", Postcode, "1:1", "DN55 1PT"),
        (true, "ec1a1bb", Postcode, "1:1", "ec1a1bb"),
        (true, "at SW1A\n1AA.", Postcode, "1:4", "SW1A 1AA"),
        (true, "at *sw1a* 1aa.", Postcode, "1:5", "sw1a 1aa"),
        (false, "- id: C1\n  notes: \"moved to le1 6tp\"", Postcode, "2:20", "le1 6tp"),
        // E-mail addresses.
        (true, "Write to j.smith+yot@example.gov.uk.", Email, "1:10", "j.smith+yot@example.gov.uk"),
        (true, "j.smith&#64;example.org", Email, "1:1", "j.smith@example.org"),
        (true, "j.smith&#x40;example.org", Email, "1:1", "j.smith@example.org"),
        (true, "j.smith&commat;example.org", Email, "1:1", "j.smith@example.org"),
        (true, "<p>mail j.smith&#64;example.org</p>", Email, "1:9", "j.smith@example.org"),
        (true, "<j.smith@example.org>", Email, "1:2", "j.smith@example.org"),
        (true, "[write](mailto:j.smith@example.org)", Email, "1:16", "j.smith@example.org"),
        // Phone numbers.
        (true, "01632 960123", Phone, "1:1", "01632 960123"),
        (true, "01632-960123", Phone, "1:1", "01632-960123"),
        (true, "(01632) 960123", Phone, "1:1", "(01632) 960123"),
        (true, "020 7946 0958", Phone, "1:1", "020 7946 0958"),
        (true, "020-7946-0958", Phone, "1:1", "020-7946-0958"),
        (true, "020.7946.0958", Phone, "1:1", "020.7946.0958"),
        (true, "07700 900123", Phone, "1:1", "07700 900123"),
        (true, "07700&nbsp;900123", Phone, "1:1", "07700 900123"),
        (true, "+44 7700 900123", Phone, "1:1", "+44 7700 900123"),
        (true, "+44-20-7946-0958", Phone, "1:1", "+44-20-7946-0958"),
        (true, "+44 (0)20 7946 0958", Phone, "1:1", "+44 (0)20 7946 0958"),
        (true, "0044 20 7946 0958", Phone, "1:1", "0044 20 7946 0958"),
        (true, "0044 7700 900123", Phone, "1:1", "0044 7700 900123"),
        (true, "rang 020 7946\n0958 twice", Phone, "1:6", "020 7946 0958"),
        // Dates of birth.
        (true, "born 3 May 2009", BirthDate, "1:6", "3 May 2009"),
        (true, "Born on 3rd May 2009", BirthDate, "1:9", "3rd May 2009"),
        (true, "DOB: 03/05/2009", BirthDate, "1:6", "03/05/2009"),
        (true, "D.O.B. 03-05-09", BirthDate, "1:8", "03-05-09"),
        (true, "date of birth 2009-05-03", BirthDate, "1:15", "2009-05-03"),
        (true, "born in March 2009", BirthDate, "1:9", "March 2009"),
        (true, "born May 3, 2009", BirthDate, "1:6", "May 3, 2009"),
        (true, "born Feb 1st, 2009", BirthDate, "1:6", "Feb 1st, 2009"),
        (true, "born 1st Feb 09", BirthDate, "1:6", "1st Feb 09"),
        (true, "born 1 February 2009", BirthDate, "1:6", "1 February 2009"),
        (true, "born on the 1st of February 2009", BirthDate, "1:13", "1st of February 2009"),
        (true, "DOB 01/02/2009", BirthDate, "1:5", "01/02/2009"),
        (true, "DOB 1.2.09", BirthDate, "1:5", "1.2.09"),
        (true, "Date of Birth: Feb. 1st, 2009", BirthDate, "1:16", "Feb. 1st, 2009"),
        (true, "child (b. 01/02/2009)", BirthDate, "1:11", "01/02/2009"),
        (true, "the date of\nbirth, 1.2.09, was", BirthDate, "2:8", "1.2.09"),
        (true, "born *1 Feb* 2009", BirthDate, "1:7", "1 Feb 2009"),
    ];

    #[test]
    fn what_authors_write_is_found_where_they_wrote_it() {
        for (markdown, text, what, at, shown) in TRUE_CORPUS {
            let found = matches(*markdown, text);
            assert_eq!(
                found,
                [(what.clone(), at.to_string(), shown.to_string())],
                "{text:?}"
            );
        }
    }

    /// Ordinary review prose and near misses, none of which is personal.
    const FALSE_CORPUS: &[&str] = &[
        // Books, helplines and services' numbers.
        "ISBN 978-0-14-103614-4",
        "978-0-14-103614-4",
        "0-14-103614-X",
        "the 1984 edition, 0-14-103614-4",
        "ISBN 0141036144",
        "ISBN-10: 0-14-103614-X",
        "ISBN-13: 9780141036144",
        "the helpline, 0808 800 5000",
        "Childline 0800 1111",
        "the council on 0300 123 4567",
        "0845 600 1234",
        "0909 879 0000",
        "0800 11",
        "116 123",
        // Words and years near "born".
        "a born-again approach",
        "a born-again approach, 3 May 2009",
        "born in 2009",
        "stubborn 3 May 2009",
        "newborn 3 May 2009",
        "reviewed on 3 May 2009",
        "born and raised in the area; on 3 May 2009 the plan began",
        "born in 2009; on 3 May 2010 the review began",
        "Born here. On 3 May 2010 the plan began",
        "born in the 2nd and 3rd year",
        "job no. b. 32 of 2009",
        // Times, money, standards, cases, years, percentages.
        "at 10.30am, 09:30 and 09.30-10.30, or 07.30 to 08.30",
        "£1,250.50 and £0.50",
        "Standard 2.1 and 3.2, question 2.1.3",
        "Case C04 and C11",
        "2023/24, 2019-2020, 2019/20, 2019/2020s",
        "14 of 18 cases (78%), 0.5 FTE",
        "Version 1.2.3, page 4-5, ISO 27001",
        "the plan of 12/05/2024 was reviewed within 10 working days",
        "3/4 of plans, open 24/7s",
        // National Insurance near misses.
        "QQ123456C GB123456A AB123456E XAB123456C AB1234567C",
        "AB 12-34 56 C",
        // NHS, PNC and pupil-number near misses.
        "943 476 5918",
        "943 476-5919",
        "943 476 59190",
        "05/123456x",
        "A201020110001",
        // Postcode near misses.
        "SW1A",
        "B33 8CH",
        "level b2 3rd floor, plan p4 2nd section",
        "y10 2nd term, mp3 4th track, b33 8th",
        "QA1 1AA and a4 2up",
        "9am to 5pm",
        // Phone near misses.
        "0 to 10",
        "0.5",
        "18 cases",
        "01234",
        "0161 496 0000 0000",
        // E-mail near misses.
        "an @mention",
        "user@localhost",
    ];

    #[test]
    fn ordinary_prose_and_near_misses_are_clear() {
        for text in FALSE_CORPUS {
            assert_eq!(matches(true, text), [], "{text:?}");
            assert_eq!(matches(false, text), [], "as YAML: {text:?}");
        }
    }

    #[test]
    fn file_names_are_read_with_hyphens_as_spaces() {
        let found = |path: &str| {
            scan_name(path, &["Riverside Estate".to_string()])
                .into_iter()
                .map(|h| (h.what, h.shown))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("content/findings/ab-12-34-56-c.md"),
            [(NationalInsurance, "ab-12-34-56-c".to_string())]
        );
        assert_eq!(
            found("content/cases/sw1a_1aa.yaml"),
            [(Postcode, "sw1a_1aa".to_string())]
        );
        assert_eq!(
            found("content/pages/riverside-estate.md"),
            [(
                DeniedTerm("Riverside Estate".to_string()),
                "riverside-estate".to_string()
            )]
        );
        assert_eq!(
            found("content/pages/born-3-may-2009.md"),
            [(BirthDate, "3-may-2009".to_string())]
        );
        for path in [
            "content/findings/2.1-assessment.md",
            "content/cases/c04.yaml",
            "content/pages/2024-05-12-visit.md",
            "content/findings/born-again.md",
            "content/standards/2.1.md",
        ] {
            assert_eq!(found(path), [], "{path}");
        }
    }

    #[test]
    fn the_reader_text_joins_lines_and_drops_marks() {
        let source =
            "---\ntitle: T\n---\nA *b*\nc &amp; d&nbsp; e\n\n    code\n    more\n\n- f\n- g\n";
        let reader = reader_text(source, true);
        assert_eq!(reader.text, "title: T\nA b c & d e\ncode\nmore\nf\ng\n");
        // Each byte knows where it came from: "&" from the whole entity.
        let amp = reader.text.find('&').unwrap();
        let (start, end) = reader.source_range(amp..amp + 1);
        assert_eq!(&source[start..end], "&amp;");
        let c = reader.text.find(" c").unwrap() + 1;
        let written = source.find("\nc").unwrap() + 1;
        assert_eq!(reader.source_range(c..c + 1), (written, written + 1));
    }

    #[test]
    fn raw_html_is_read_as_its_text() {
        let source = "<div title=\"x\">a&#64;<b>b</b>.org<!-- 020 7946 0958 --></div>\n<p>c</p>";
        assert_eq!(reader_text(source, true).text, "a@b.org\nc\n");
        // The comment is not read, but the text as written still is.
        assert_eq!(matches(true, source).len(), 2);
    }

    #[test]
    fn odd_text_never_panics_and_every_match_is_on_character_boundaries() {
        // Pieces that stress the reader text and the detectors, joined in
        // many orders by a small deterministic generator.
        const PIECES: &[&str] = &[
            "AB 12",
            " 34",
            "\n",
            "\r\n",
            "56 C",
            "*",
            "**",
            "_",
            "`",
            "&#64;",
            "&nbsp;",
            "&amp",
            "&#x;",
            "&",
            ";",
            "<div>",
            "</div>",
            "<!--",
            "-->",
            "<b",
            ">",
            "é",
            "日本",
            "\u{ad}",
            "\u{2011}",
            "\u{a0}",
            "0",
            "07700",
            "+44",
            "(0)",
            "/",
            "05/",
            "born ",
            "b. ",
            "DOB ",
            "feb ",
            "1st",
            ", 2009",
            "@",
            "x.org",
            "    ",
            "- ",
            "> ",
            "| a |",
            "\n---\n",
            "[",
            "](",
            ")",
            "\\",
            "sw1a",
            " 1aa",
            "ISBN ",
            "9434765919",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..400 {
            let len = next(30);
            let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            for markdown in [true, false] {
                for h in scan_source(&text, markdown, &["ab".to_string()]) {
                    assert!(h.start < h.end && h.end <= text.len(), "{text:?}: {h:?}");
                    assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
                }
            }
        }
    }

    #[test]
    fn denied_terms_are_whole_words_in_any_case() {
        let deny = ["Riverside Estate".to_string(), "Kay".to_string()];
        let text = "Met at riverside\nestate. Kayak club. KAY said";
        let hits = scan_source(text, true, &deny);
        let shown: Vec<&str> = hits.iter().map(|h| h.shown.as_str()).collect();
        assert_eq!(shown, ["riverside estate", "KAY"]);
        assert_eq!(hits[0].start, text.find("riverside").unwrap());
    }

    #[test]
    fn nhs_numbers_need_a_right_check_digit() {
        assert_eq!(matches(true, "943 476 5918"), []);
        assert_eq!(matches(true, "943 476 5919")[0].0, Nhs);
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
        assert_eq!(letter, 'E', "the corpus above uses this number");
        let wrong = if letter == 'A' { 'B' } else { 'A' };
        assert_eq!(matches(true, &format!("{wrong}201020110001")), []);
    }

    #[test]
    fn police_check_letters_follow_the_rule() {
        // The year's last two digits and the serial padded to seven digits
        // (PNC) or six (CRO), modulo 23: the corpus above uses these.
        let pnc = (5 * 10_000_000 + 123_456) % 23;
        assert_eq!(POLICE_CHECK[pnc], b'R');
        let cro = (5 * 1_000_000 + 123_456) % 23;
        assert_eq!(POLICE_CHECK[cro], b'Y');
        // A wrong lower-case letter is prose; a capital is taken on shape.
        assert_eq!(matches(true, "05/123456q"), []);
        assert_eq!(matches(true, "05/123456Q")[0].0, PoliceRecord);
    }

    /// `len` bytes of digits and spaces, as a table of figures pasted
    /// without its lines: short runs of every length up to thirteen, every
    /// other one starting with 0, as a phone number does.
    fn digits_and_spaces(len: usize) -> String {
        let mut text = String::with_capacity(len + 16);
        let mut run = 1;
        while text.len() < len {
            for k in 0..run {
                let first = k == 0 && run % 2 == 0;
                text.push(if first {
                    '0'
                } else {
                    char::from(b'1' + (k % 9) as u8)
                });
            }
            text.push(' ');
            run = run % 13 + 1;
        }
        text
    }

    #[test]
    fn scanning_is_linear_in_the_length_of_the_text() {
        use std::time::{Duration, Instant};
        // A megabyte, on a thread of its own so that a scan that reads on
        // to the end of the text from every number (hours) fails the test
        // rather than hanging it. Generous for an unoptimised build on a
        // busy machine.
        let text = digits_and_spaces(1 << 20);
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let started = Instant::now();
            scan_source(&text, true, &[]);
            let _ = send.send(started.elapsed());
        });
        let took = receive
            .recv_timeout(Duration::from_secs(10))
            .expect("a megabyte of digits and spaces took over 10 s to scan");
        eprintln!("1 MiB of digits and spaces: {took:?}");
        // Doubling the text at most doubles the time: the shortest of
        // several runs of each, taken in turn so that both see the same
        // load from tests running beside this one.
        let (small, large) = (digits_and_spaces(1 << 17), digits_and_spaces(1 << 18));
        let time = |text: &str| {
            let started = Instant::now();
            std::hint::black_box(scan_source(text, true, &[]));
            started.elapsed()
        };
        // Linear is 2x, quadratic 4x; the allowance covers a busy machine
        // and a few milliseconds of noise on short times. A passing load on
        // a shared machine can still upset one comparison, so it is made
        // up to three times: a cost that really grows faster fails each.
        let mut seen = Vec::new();
        for _ in 0..3 {
            let (mut t1, mut t2) = (Duration::MAX, Duration::MAX);
            for _ in 0..7 {
                t1 = t1.min(time(&small));
                t2 = t2.min(time(&large));
            }
            eprintln!("128 KiB: {t1:?}, 256 KiB: {t2:?}");
            if t2 <= t1 * 5 / 2 + Duration::from_millis(10) {
                return;
            }
            seen.push(format!("{t1:?} then {t2:?}"));
        }
        panic!(
            "128 KiB and 256 KiB took more than 1 : 2.5 each time ({})",
            seen.join(", ")
        );
    }

    #[test]
    fn a_files_warnings_are_reused_while_its_text_and_the_terms_are_unchanged() {
        let memos = Memos::on();
        let file = |text: &str| {
            SourceFile::new(
                "content/findings/a.md",
                ContentKind::Finding,
                text.to_string(),
            )
        };
        let deny = ["Memo Test Estate".to_string()];
        // The warnings for `file` at `id`, and whether it was linted afresh.
        let lint = |memos: &Memos, id: FileId, file: &SourceFile, settings: u64| {
            let linted = std::cell::Cell::new(false);
            let warnings = remembered(id, file, Some(settings), memos, || {
                linted.set(true);
                lint_file(id, file, &[], &deny)
            });
            (warnings, linted.get())
        };
        let a = file("Rang 01632 960123 about the Memo Test Estate.");
        let (first, linted) = lint(&memos, 1, &a, 7);
        assert!(linted);
        assert_eq!(first.len(), 2);
        let (again, linted) = lint(&memos, 1, &a, 7);
        assert!(!linted);
        assert_eq!(again, first);
        // At another index (a file added before it): kept, and naming it.
        let (moved, linted) = lint(&memos, 5, &a, 7);
        assert!(!linted);
        assert!(moved.iter().all(|d| d.file == Some(5)));
        // Other terms, or another text, are linted again.
        assert!(lint(&memos, 1, &a, 8).1);
        assert!(lint(&memos, 1, &file("Rang about the memo test."), 7).1);
        // Another preview's memos have linted nothing.
        assert!(lint(&Memos::on(), 1, &a, 7).1);
        // Off, nothing is kept.
        let off = Memos::off();
        assert!(remembered(1, &a, None, &off, Vec::new).is_empty());
        assert_eq!(memos.sweep(), 3);
    }

    #[test]
    fn the_lint_reads_the_reading_parse_left_rather_than_the_body_again() {
        let file = SourceFile::new(
            "content/findings/a.md",
            ContentKind::Finding,
            "Write to a&#64;b.org.\n".to_string(),
        );
        // Read afresh, the entity is an @ and the address is found.
        let fresh = SourceFile::new(
            "content/findings/a.md",
            ContentKind::Finding,
            file.text.clone(),
        );
        assert_eq!(lint_file(0, &fresh, &[], &[]).len(), 1);
        // A reading left by parse is the one scanned: here one without it.
        file.read_as(reader_text("Write to someone.\n", true));
        assert_eq!(lint_file(0, &file, &[], &[]), []);
    }
}
