use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::fmt;

/// A value with the line and column it was written at, counted in the whole
/// file (front matter offsets already applied).
pub type Located<T> = serde_saphyr::Spanned<T>;

/// A calendar date written `YYYY-MM-DD`, or a month written `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, when given.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parse `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next();
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        let month: u8 = month.parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let day = match day {
            None => None,
            Some(d) if d.len() == 2 => {
                let d: u8 = d.parse().ok()?;
                let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100))
                    || year.is_multiple_of(400);
                let days = match month {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                if d == 0 || d > days {
                    return None;
                }
                Some(d)
            }
            Some(_) => return None,
        };
        Some(Date { year, month, day })
    }

    /// The first day it covers, as (year, month, day): a month starts on
    /// its 1st.
    pub fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(1))
    }

    /// The last day it covers: a month ends on its last day (31 stands
    /// for it; only the order matters).
    pub fn last_day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(31))
    }

    /// ISO form: `2020-03-10` or `2020-03`.
    pub fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// Long British form: `10 March 2020` or `March 2020`.
    pub fn long(&self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        match self.day {
            Some(d) => format!("{d} {month} {}", self.year),
            None => format!("{month} {}", self.year),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "`{text}` is not a date: write YYYY-MM-DD (e.g. 2020-03-10) or YYYY-MM"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_parse_and_format() {
        let d = Date::parse("2020-03-10").unwrap();
        assert_eq!(d.long(), "10 March 2020");
        assert_eq!(d.iso(), "2020-03-10");
        assert_eq!(Date::parse("2019-09").unwrap().long(), "September 2019");
        assert!(Date::parse("2019-02-30").is_none());
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2019-13").is_none());
        assert!(Date::parse("10/03/2020").is_none());
    }
}
