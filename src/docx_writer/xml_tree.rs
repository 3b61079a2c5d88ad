//! A package part as a small tree of elements, for amendments that need an element's context
//! (its parent, its siblings, another part); text and attribute values stay as read, escaped.

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};

/// A parsed node: an element, or any other event (text, declaration, comment).
pub enum Node {
    Element(Element),
    Other(Event<'static>),
}

/// An element and its children.
pub struct Element {
    /// The start tag, attributes raw as read.
    pub start: BytesStart<'static>,
    /// Its children, in order.
    pub children: Vec<Node>,
}

impl Element {
    /// A new element with `attributes` (escaped here) and no children.
    pub fn new(name: &str, attributes: &[(&str, &str)]) -> Self {
        let mut start = BytesStart::new(name.to_string());
        for attribute in attributes {
            start.push_attribute(*attribute);
        }
        Element {
            start,
            children: Vec::new(),
        }
    }

    /// Its qualified name ("w:pPr").
    pub fn name(&self) -> &str {
        self.start.name().into_inner()
    }

    /// The value of its attribute `key`, unescaped.
    pub fn attribute(&self, key: &str) -> Option<String> {
        let raw = self.start.try_get_attribute(key).ok().flatten()?.value;
        Some(
            quick_xml::escape::unescape(&raw)
                .map_or_else(|_| raw.to_string(), |value| value.into_owned()),
        )
    }

    /// Its child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|child| match child {
            Node::Element(element) => Some(element),
            Node::Other(_) => None,
        })
    }

    /// Its child elements, to change.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|child| match child {
            Node::Element(element) => Some(element),
            Node::Other(_) => None,
        })
    }

    /// Its first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name() == name)
    }

    /// Its first child element named `name`, to change.
    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|element| element.name() == name)
    }

    /// Its first child element named `name`, added last if it has none.
    pub fn child_or_insert(&mut self, name: &str) -> &mut Element {
        if self.child(name).is_none() {
            self.children.push(Node::Element(Element::new(name, &[])));
        }
        self.child_mut(name).expect("the child was just added")
    }

    /// Remove its child elements named `name`.
    pub fn remove_children(&mut self, name: &str) {
        self.children
            .retain(|child| !matches!(child, Node::Element(element) if element.name() == name));
    }

    /// Add `child` last.
    pub fn push(&mut self, child: Element) {
        self.children.push(Node::Element(child));
    }
}

/// The part as a forest of nodes; `None` when it is not well formed.
pub fn parse(part: &str) -> Option<Vec<Node>> {
    let mut reader = Reader::from_str(part);
    let mut open: Vec<Element> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let node = match reader.read_event().ok()?.into_owned() {
            Event::Eof => break,
            Event::Start(start) => {
                open.push(Element {
                    start,
                    children: Vec::new(),
                });
                continue;
            }
            Event::End(_) => Node::Element(open.pop()?),
            Event::Empty(start) => Node::Element(Element {
                start,
                children: Vec::new(),
            }),
            other => Node::Other(other),
        };
        match open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }
    open.is_empty().then_some(top)
}

/// The forest written back as XML; an element without children is written empty (`<w:b/>`).
pub fn write(nodes: &[Node]) -> Option<String> {
    let mut writer = Writer::new(Vec::new());
    for node in nodes {
        write_node(node, &mut writer).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

fn write_node(node: &Node, writer: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    match node {
        Node::Other(event) => writer.write_event(event.borrow()),
        Node::Element(element) => {
            if element.children.is_empty() {
                return writer.write_event(Event::Empty(element.start.borrow()));
            }
            writer.write_event(Event::Start(element.start.borrow()))?;
            for child in &element.children {
                write_node(child, writer)?;
            }
            writer.write_event(Event::End(element.start.to_end()))
        }
    }
}

/// Call `visit` on every element of the forest, children before their parent.
pub fn visit_mut(nodes: &mut [Node], visit: &mut impl FnMut(&mut Element)) {
    for node in nodes {
        if let Node::Element(element) = node {
            visit_mut(&mut element.children, visit);
            visit(element);
        }
    }
}

/// `text` with `added` inserted before the last `closing` tag (at the end if it has none): a
/// declaration or relationship added to a part this crate wrote.
pub fn insert_before_last(text: &str, closing: &str, added: &str) -> String {
    let at = text.rfind(closing).unwrap_or(text.len());
    format!("{}{added}{}", &text[..at], &text[at..])
}

/// Call `visit` on every element of the forest, parents before their children.
pub fn visit(nodes: &[Node], visit_element: &mut impl FnMut(&Element)) {
    for node in nodes {
        if let Node::Element(element) = node {
            visit_element(element);
            visit(&element.children, visit_element);
        }
    }
}
