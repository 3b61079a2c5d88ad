//! Zipping a package (a Word file, a chart's workbook): its parts in order, compressed, with a
//! fixed timestamp, so that identical input gives identical bytes.

use std::io::{Cursor, Write};

/// The parts, each `(name, bytes)`, zipped in order.
pub fn zip_parts<Name: AsRef<str>, Bytes: AsRef<[u8]>>(
    parts: impl IntoIterator<Item = (Name, Bytes)>,
) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, part) in parts {
        zip.start_file(name.as_ref(), options)
            .and_then(|()| Ok(zip.write_all(part.as_ref())?))
            .expect("zipping into memory cannot fail");
    }
    zip.finish()
        .expect("zipping into memory cannot fail")
        .into_inner()
}
