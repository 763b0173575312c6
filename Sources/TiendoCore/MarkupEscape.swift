/// Escaping shared by the HTML pages and the Office files.
public enum MarkupEscape {
    /// `& " ' < >` as entities: safe in element text and in quoted attribute values of HTML and XML alike.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
