//! A committee's meetings as an iCalendar file (RFC 5545) that a calendar subscribes to.
//!
//! Deterministic: the stamp of each event is its meeting's date, not the time of the build, so
//! an unchanged meeting gives unchanged bytes and a calendar sees no change.

use crate::escape::icalendar_text;
use crate::model::Date;

/// One meeting in the calendar.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    /// Unique for all time: the meeting's folder and where the site is.
    pub uid: String,
    /// The meeting's date.
    pub date: Date,
    /// Its start, local time in the United Kingdom; an all-day event without one.
    pub start: Option<(u8, u8)>,
    /// The committee's name.
    pub summary: String,
    /// Where it is held.
    pub location: String,
    /// Its page's full address, when the site's address is known.
    pub url: Option<String>,
    /// A line about its papers.
    pub description: String,
}

/// The time zone of the United Kingdom, which meeting times are written in.
const LONDON: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
TZNAME:BST\r
DTSTART:19810329T010000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
TZNAME:GMT\r
DTSTART:19961027T020000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// The calendar of `committee`'s meetings, in date order.
pub fn write_calendar(committee: &str, events: &[CalendarEvent]) -> Vec<u8> {
    let mut events: Vec<&CalendarEvent> = events.iter().collect();
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//papers//Committee papers//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", icalendar_text(committee)),
    );
    out.push_str(LONDON);
    for event in events {
        let day = format!(
            "{:04}{:02}{:02}",
            event.date.year, event.date.month, event.date.day
        );
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", icalendar_text(&event.uid)));
        push_line(&mut out, &format!("DTSTAMP:{day}T000000Z"));
        match event.start {
            Some((hours, minutes)) => push_line(
                &mut out,
                &format!("DTSTART;TZID=Europe/London:{day}T{hours:02}{minutes:02}00"),
            ),
            None => push_line(&mut out, &format!("DTSTART;VALUE=DATE:{day}")),
        }
        push_line(
            &mut out,
            &format!("SUMMARY:{}", icalendar_text(&event.summary)),
        );
        push_line(
            &mut out,
            &format!("LOCATION:{}", icalendar_text(&event.location)),
        );
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", icalendar_text(&event.description)),
        );
        if let Some(url) = &event.url {
            push_line(&mut out, &format!("URL:{url}"));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out.into_bytes()
}

/// `line` folded as RFC 5545 asks: at most 75 octets a line, never inside a character, each
/// continuation starting with a space; ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut length = 0;
    for c in line.chars() {
        if length + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            length = 1;
        }
        out.push(c);
        length += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: Option<(u8, u8)>) -> CalendarEvent {
        CalendarEvent {
            uid: "cabinet-2026-02-12@www.example.gov.uk".into(),
            date: Date {
                year: 2026,
                month: 2,
                day: 12,
            },
            start,
            summary: "Cabinet; Special, \"urgent\"".into(),
            location: "Council Chamber, Civic Centre, Station Road, Harrow, HA1 2XY, and online at https://example.org/cabinet/live with a long tail ŵŵŵŵŵŵ".into(),
            url: Some("https://www.example.gov.uk/papers/cabinet-2026-02-12/index.html".into()),
            description: "Agenda and papers".into(),
        }
    }

    #[test]
    fn a_calendar_is_folded_and_escaped() {
        let text = String::from_utf8(write_calendar("Cabinet", &[event(Some((18, 30)))])).unwrap();
        assert!(text.contains("DTSTART;TZID=Europe/London:20260212T183000\r\n"));
        assert!(text.contains("SUMMARY:Cabinet\\; Special\\, \"urgent\"\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        // Unfolded, the location is one value with its commas escaped.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("LOCATION:Council Chamber\\, Civic Centre\\,"));
        assert!(unfolded.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn a_meeting_without_a_time_is_all_day() {
        let text = String::from_utf8(write_calendar("Cabinet", &[event(None)])).unwrap();
        assert!(text.contains("DTSTART;VALUE=DATE:20260212\r\n"));
    }
}
