//! Published file names: ASCII, stable, and meaningful once downloaded
//! (`2022-05-13-corporate-parenting-panel-item-5-terms-of-reference.pdf`).
//!
//! A name is made from the committee, the date, the item and the title, so a file saved from
//! the website still says what it is. Exempt papers are named without their titles: a title can
//! itself give away what is withheld.

use crate::model::Date;

/// The longest a title adds to a name, in characters: long enough to say what the paper is,
/// short enough for the paths of Windows and of e-mail attachments.
const TITLE_LENGTH: usize = 60;

/// Lower-case ASCII words joined by hyphens: "Children’s Services – Q3" becomes
/// "childrens-services-q3", "Gwasanaethau Cymdeithasol ŵyr" "gwasanaethau-cymdeithasol-wyr".
/// Letters outside ASCII are written as their nearest ASCII letters; what has none is left out.
/// Empty if nothing is left.
pub fn ascii_slug(text: &str) -> String {
    // Apostrophes join a word ("children's" → "childrens") rather than split it.
    let joined: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        .collect();
    let ascii = deunicode::deunicode(&joined);
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// A title's slug, cut at a word to at most [`TITLE_LENGTH`] characters.
pub fn title_slug(title: &str) -> String {
    let slug = ascii_slug(title);
    if slug.len() <= TITLE_LENGTH {
        return slug;
    }
    let mut cut = String::new();
    for word in slug.split('-') {
        let grown = if cut.is_empty() {
            word.len()
        } else {
            cut.len() + 1 + word.len()
        };
        if grown > TITLE_LENGTH {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        slug.chars().take(TITLE_LENGTH).collect()
    } else {
        cut
    }
}

/// The committee's part of every name: "corporate-parenting-panel" ("committee" when its name
/// has no letters to spell).
pub fn committee_slug(committee: &str) -> String {
    non_empty(ascii_slug(committee), "committee")
}

/// A meeting's folder: "corporate-parenting-panel-2022-05-13".
pub fn meeting_folder(committee: &str, date: Date) -> String {
    format!(
        "{}-{}",
        committee_slug(committee),
        crate::format::iso_date(date)
    )
}

/// The start of every file of a meeting: "2022-05-13-corporate-parenting-panel".
pub fn meeting_file_stem(committee: &str, date: Date) -> String {
    format!(
        "{}-{}",
        crate::format::iso_date(date),
        committee_slug(committee)
    )
}

/// The start of an item's files: "…-item-5", or "…-item-6-1" for part 1 of item 6.
pub fn item_stem(meeting_stem: &str, label: &str) -> String {
    let number = non_empty(ascii_slug(label), "0");
    format!("{meeting_stem}-item-{number}")
}

/// `stem` and a title: "…-item-5-terms-of-reference"; the stem alone when the title spells
/// nothing in ASCII.
pub fn with_title(stem: &str, title: &str) -> String {
    match title_slug(title) {
        slug if slug.is_empty() => stem.to_string(),
        slug => format!("{stem}-{slug}"),
    }
}

/// `stem` and a title that may begin with the committee's name, which the stem already says:
/// "…-corporate-parenting-panel-item-5" and "Corporate Parenting Panel Terms of Reference" make
/// "…-item-5-terms-of-reference".
pub fn with_title_of_committee(stem: &str, title: &str, committee: &str) -> String {
    let committee = ascii_slug(committee);
    let slug = ascii_slug(title);
    match slug.strip_prefix(&format!("{committee}-")) {
        Some(rest) if !committee.is_empty() => with_title(stem, rest),
        _ => with_title(stem, title),
    }
}

fn non_empty(slug: String, otherwise: &str) -> String {
    if slug.is_empty() {
        otherwise.to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lower_case_ascii_words() {
        let table = [
            ("Corporate Parenting Panel", "corporate-parenting-panel"),
            (
                "Children’s Services – Q3 2021/22",
                "childrens-services-q3-2021-22",
            ),
            ("Cyngor Sir Ynys Môn: ŵyr", "cyngor-sir-ynys-mon-wyr"),
            ("Crème brûlée & Façade", "creme-brulee-facade"),
            ("../../etc/passwd", "etc-passwd"),
            ("#$*<@{{ x }}\\", "x"),
            ("", ""),
            ("   ", ""),
        ];
        for (text, slug) in table {
            assert_eq!(ascii_slug(text), slug, "{text}");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let title = "Independent Reviewing Service Annual Report 2020-2021 for the Corporate Parenting Panel";
        let slug = title_slug(title);
        assert!(slug.len() <= TITLE_LENGTH, "{slug}");
        assert_eq!(
            slug,
            "independent-reviewing-service-annual-report-2020-2021-for"
        );
        assert_eq!(title_slug(&"x".repeat(100)).len(), TITLE_LENGTH);
    }

    #[test]
    fn a_meeting_s_files_start_with_date_and_committee() {
        let date = Date {
            year: 2022,
            month: 5,
            day: 13,
        };
        let stem = meeting_file_stem("Corporate Parenting Panel", date);
        assert_eq!(stem, "2022-05-13-corporate-parenting-panel");
        assert_eq!(
            with_title(&item_stem(&stem, "5"), "Terms of Reference"),
            "2022-05-13-corporate-parenting-panel-item-5-terms-of-reference"
        );
        assert_eq!(item_stem(&stem, "6.1"), format!("{stem}-item-6-1"));
        assert_eq!(
            with_title_of_committee(
                &item_stem(&stem, "5"),
                "Corporate Parenting Panel Terms of Reference",
                "Corporate Parenting Panel"
            ),
            "2022-05-13-corporate-parenting-panel-item-5-terms-of-reference"
        );
        // A title that is only the committee's name keeps it.
        assert_eq!(
            with_title_of_committee("x", "Cabinet", "Cabinet"),
            "x-cabinet"
        );
        assert_eq!(with_title("x", "***"), "x");
        assert_eq!(meeting_folder("???", date), "committee-2022-05-13");
    }
}
