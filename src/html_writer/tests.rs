//! The HTML writer's own tests: every block as the elements a browser and a screen reader
//! expect, and awkward user text printed literally everywhere it can appear.

use super::*;
use crate::model::*;

const AWKWARD: [&str; 7] = [
    "# $ * < @ {{ x }} \\",
    "</p><script>alert(1)</script>",
    "\" onclick=\"x",
    "it's & <b>",
    "#set page(width: 1cm)",
    "{% raw %}",
    "@ref <lab>",
];

fn frame() -> PageFrame<'static> {
    PageFrame {
        title: "A <title>",
        lang: "en-GB",
        stylesheet: "../style.css",
        site_name: "Council & Co",
        breadcrumbs: &[],
        downloads: &[],
        logo: None,
        asset_prefix: "pictures/",
    }
}

fn page(blocks: &[Block]) -> String {
    write_html(blocks, &crate::style::HouseStyle::built_in(), &frame()).html
}

fn text(text: &str) -> Vec<Inline> {
    vec![Inline::text(text)]
}

fn chart(title: &str, label: &str, name: &str, plot: ChartKind) -> Chart {
    Chart {
        plot,
        title: title.into(),
        alt: format!("{title}: alt"),
        labels: vec![label.into(), "Feb-22".into()],
        series: vec![ChartSeries {
            name: name.into(),
            values: vec![Some(91.3), None],
            shown: vec!["91.3%".into(), String::new()],
        }],
        references: vec![ChartReference {
            name: "National 88.0".into(),
            value: 88.0,
        }],
        axis: ChartAxis {
            min: 0.0,
            max: 100.0,
            ticks: vec![(0.0, "0%".into()), (100.0, "100%".into())],
        },
        numbers: ChartNumbers {
            decimal_places: 1,
            percent: true,
        },
    }
}

fn table(header: &str, cell: &str) -> Table {
    Table {
        widths: vec![1.0, 1.0],
        header: vec![vec![Cell::header(header), Cell::header("RAG")]],
        rows: vec![
            TableRow::Group {
                text: "Group & more".into(),
            },
            TableRow::Cells {
                cells: vec![
                    Cell::text(cell),
                    Cell {
                        tone: Some(Tone::Red),
                        ..Cell::centred("Red")
                    },
                ],
            },
        ],
        font_size: 7.5,
    }
}

#[test]
fn awkward_text_prints_literally_wherever_it_appears() {
    for awkward in AWKWARD {
        let blocks = vec![
            Block::Heading {
                level: 2,
                number: None,
                content: text(awkward),
            },
            Block::Paragraph {
                content: vec![Inline::Link {
                    url: awkward.into(),
                    content: text(awkward),
                }],
            },
            Block::Table(Box::new(table(awkward, awkward))),
            Block::Chart(Box::new(chart(awkward, awkward, awkward, ChartKind::Bar))),
            Block::FieldTable {
                rows: vec![FieldRow {
                    label: awkward.into(),
                    blocks: vec![Block::plain(awkward)],
                }],
                beside: false,
            },
            Block::Structure(Box::new(Structure {
                title: awkward.into(),
                alt: awkward.into(),
                root: StructureNode {
                    label: awkward.into(),
                    children: Vec::new(),
                },
            })),
        ];
        let html = page(&blocks);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick=\""), "{html}");
        let escaped = crate::escape::html_text(awkward);
        // Heading, link text, header cell, body cell, chart title (caption, svg title),
        // label, series name, field label and value, structure title and box.
        assert!(
            html.matches(escaped.as_str()).count() >= 10,
            "{awkward}: {html}"
        );
    }
}

#[test]
fn a_javascript_address_is_not_a_link() {
    let html = page(&[Block::Paragraph {
        content: vec![Inline::Link {
            url: "javascript:alert(1)".into(),
            content: text("click"),
        }],
    }]);
    assert!(!html.contains("javascript"), "{html}");
    assert!(html.contains("<p>click</p>"), "{html}");
}

#[test]
fn tables_have_header_cells_with_scope_groups_and_a_named_scrolling_region() {
    let html = page(&[
        Block::Heading {
            level: 2,
            number: None,
            content: text("Indicators"),
        },
        Block::Table(Box::new(table("Measure", "Adoptions"))),
    ]);
    assert!(
        html.contains("<h2 id=\"heading\">Indicators</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<section class=\"table-wrap\" tabindex=\"0\" aria-labelledby=\"heading\">")
    );
    assert!(
        html.contains("<th scope=\"col\" class=\"align-center\">Measure</th>"),
        "{html}"
    );
    assert!(html.contains("<th colspan=\"2\" scope=\"rowgroup\">Group &amp; more</th>"));
    assert!(
        html.contains("<td class=\"align-center tone-red\">Red</td>"),
        "{html}"
    );
    assert!(html.contains("<table class=\"small\">"));
}

#[test]
fn a_chart_is_an_svg_picture_with_its_text_alternative_and_its_data() {
    for plot in [ChartKind::Line, ChartKind::Bar, ChartKind::HorizontalBar] {
        let html = page(&[Block::Chart(Box::new(chart(
            "Visits",
            "Jan-22",
            "Rotherham",
            plot,
        )))]);
        assert!(
            html.contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-description\""),
            "{html}"
        );
        assert!(html.contains("<title id=\"chart-title\">Visits</title>"));
        assert!(html.contains("<desc id=\"chart-description\">Visits: alt</desc>"));
        assert!(html.contains("<details class=\"chart-data\"><summary>Chart data</summary>"));
        assert!(
            html.contains("<th scope=\"row\">Jan-22</th><td class=\"align-right\">91.3%</td>"),
            "{html}"
        );
        assert!(html.contains("no figure"), "{html}");
    }
    // An empty chart draws nothing, and does not fail.
    let mut empty = chart("Empty", "x", "y", ChartKind::Line);
    empty.labels.clear();
    empty.series.clear();
    empty.axis.min = 5.0;
    empty.axis.max = 5.0;
    page(&[Block::Chart(Box::new(empty))]);
}

#[test]
fn contents_entries_link_to_the_headings_their_anchors_name() {
    let html = page(&[
        Block::Contents {
            title: "Contents".into(),
            entries: vec![ContentsEntry {
                number: Some("1.".into()),
                text: "Purpose".into(),
                level: 1,
                anchor: "section 1".into(),
            }],
        },
        Block::Anchor {
            id: "section 1".into(),
        },
        Block::Heading {
            level: 2,
            number: Some(Number {
                parts: vec![1],
                text: "1.".into(),
            }),
            content: text("Purpose"),
        },
    ]);
    assert!(
        html.contains("<a href=\"#a-section-1\">1. Purpose</a>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"a-section-1\"><span class=\"number\">1.</span> Purpose</h2>"),
        "{html}"
    );
}

#[test]
fn agenda_items_are_one_ordered_list_of_headed_items_with_their_pages() {
    let item = |number: u32, pages: Option<PageRange>| Block::AgendaItem {
        number: Number {
            parts: vec![number],
            text: format!("{number}."),
        },
        level: 3,
        title: text(&format!("Item {number}")),
        pages,
        has_papers: pages.is_some(),
        description: vec![Block::plain("What it is for.")],
    };
    let html = page(&[
        item(1, None),
        item(2, Some(PageRange { first: 3, last: 7 })),
    ]);
    assert_eq!(html.matches("<ol class=\"agenda\">").count(), 1, "{html}");
    assert!(html.contains("<span class=\"number\">2.</span> Item 2 <span class=\"pages\">(Pages\u{a0}3\u{a0}-\u{a0}7)</span></h3>"), "{html}");
}

#[test]
fn a_picture_is_written_once_beside_the_page_with_its_alternative() {
    let file = PictureFile {
        name: "/pictures/abc.png".into(),
        format: PictureFormat::Png,
        bytes: std::sync::Arc::from(&b"png"[..]),
    };
    let picture = Block::Picture(Box::new(Picture {
        file,
        alt: "A map".into(),
        caption: Some("Figure 1".into()),
        width: 200.0,
        height: 100.0,
    }));
    let written = write_html(
        &[picture.clone(), picture],
        &crate::style::HouseStyle::built_in(),
        &frame(),
    );
    assert_eq!(written.assets.len(), 1);
    assert_eq!(written.assets[0].path, "pictures/abc.png");
    assert!(written.html.contains("<img src=\"pictures/abc.png\" alt=\"A map\" width=\"200\" height=\"100\"><figcaption>Figure 1</figcaption>"));
}

#[test]
fn the_page_has_a_language_a_title_landmarks_and_no_script() {
    let frame = PageFrame {
        breadcrumbs: &[("Home".to_string(), "../index.html".to_string())],
        downloads: &[("PDF, 2 pages".to_string(), "x.pdf".to_string())],
        ..frame()
    };
    let html = write_html(
        &[Block::plain("Body")],
        &crate::style::HouseStyle::built_in(),
        &frame,
    )
    .html;
    insta::assert_snapshot!(html);
}

#[test]
fn the_stylesheet_carries_the_house_style_and_may_be_replaced() {
    let style = crate::style::HouseStyle::built_in();
    let css = stylesheet(&style, None);
    assert!(css.contains(&format!("--link: #{};", style.colours.link.hex())));
    assert!(css.contains("@media print"));
    let own = stylesheet(&style, Some("main { color: red; }"));
    assert!(own.ends_with("main { color: red; }"));
    assert!(!own.contains("@media print"));
}
