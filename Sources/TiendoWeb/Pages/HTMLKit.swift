import Plot
import TiendoCore

/// Body markup as Plot nodes.
typealias Markup = Node<HTML.BodyContext>

/// Attribute values escaped by hand: Plot escapes text nodes but writes attribute values as given.
enum Escape {
    static func attribute(_ value: String) -> String { MarkupEscape.escape(value) }

    /// Escapes text for raw SVG and other hand-written markup.
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// An element with escaped attributes and children; the one way pages build markup.
func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [Markup] = []) -> Markup {
    let attrs: [Markup] = attributes.compactMap { key, value in
        guard let value else { return nil }
        return .attribute(named: key, value: Escape.attribute(value), ignoreIfValueIsEmpty: false)
    }
    return .element(named: name, nodes: attrs + children)
}

func el(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> Markup {
    el(name, attributes, [.text(text)])
}

/// A void element (input, meta) with escaped attributes.
func void(_ name: String, _ attributes: [(String, String?)]) -> Markup {
    .selfClosedElement(named: name, attributes: attributes.compactMap { key, value in
        value.map { Attribute<HTML.BodyContext>(name: key, value: Escape.attribute($0), ignoreIfValueIsEmpty: false) }
    })
}

func link(_ href: String, _ text: String, class cls: String? = nil) -> Markup {
    el("a", [("href", href), ("class", cls)], text: text)
}

/// A table with a caption (for screen readers) and a header row; on a phone each row becomes a card whose
/// cells are labelled with their column (data-label).
func table(caption: String, headers: [String], rows: [[Markup]], class cls: String = "data") -> Markup {
    el("div", [("class", "table-wrap")], [
        el("table", [("class", cls)], [
            el("caption", text: caption),
            el("thead", [], [el("tr", [], headers.map { el("th", [("scope", "col")], text: $0) })]),
            el("tbody", [], rows.map { cells in
                el("tr", [], zip(headers, cells).map { header, cell in el("td", [("data-label", header)], [cell]) })
            }),
        ]),
    ])
}

/// A labelled form field; every input has a label.
func field(_ label: String, name: String, type: String = "text", value: String? = nil, required: Bool = false,
           attributes: [(String, String?)] = []) -> Markup {
    let id = "f-" + name
    return el("div", [("class", "field")], [
        el("label", [("for", id)], text: label),
        void("input", [("id", id), ("name", name), ("type", type), ("value", value), ("required", required ? "required" : nil)] + attributes),
    ])
}

func select(_ label: String, name: String, options: [(value: String, label: String)], selected: String?) -> Markup {
    let id = "f-" + name
    return el("div", [("class", "field")], [
        el("label", [("for", id)], text: label),
        el("select", [("id", id), ("name", name)], options.map { option in
            el("option", [("value", option.value), ("selected", option.value == (selected ?? "") ? "selected" : nil)], text: option.label)
        }),
    ])
}

/// A horizontal bar chart as inline SVG with a title and description; the page shows the same figures as a table.
func barChart(title: String, bars: [(label: String, segments: [(value: Int, cls: String)])]) -> Markup {
    let width = 640, rowHeight = 26, labelWidth = 150
    let maximum = max(1, bars.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 1)
    var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 \(width) \(bars.count * rowHeight + 10)\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg += "<title id=\"chart-title\">\(Escape.text(title))</title>"
    for (index, bar) in bars.enumerated() {
        let y = index * rowHeight + 5
        svg += "<text x=\"0\" y=\"\(y + 16)\" class=\"chart-label\">\(Escape.text(bar.label))</text>"
        var x = labelWidth
        for segment in bar.segments where segment.value > 0 {
            let w = max(2, segment.value * (width - labelWidth - 40) / maximum)
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"20\" class=\"\(segment.cls)\"/>"
            x += w
        }
        svg += "<text x=\"\(x + 4)\" y=\"\(y + 16)\" class=\"chart-value\">\(bar.segments.reduce(0) { $0 + $1.value })</text>"
    }
    return .raw(svg + "</svg>")
}

extension Array {
    /// The elements with `separator` between each two: links in a sentence.
    func interleaved(with separator: Element) -> [Element] {
        enumerated().flatMap { index, element in index == 0 ? [element] : [separator, element] }
    }
}
