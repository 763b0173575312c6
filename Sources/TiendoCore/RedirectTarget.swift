import Foundation

/// Where a page may send a browser back to after a step (`next=`): only a path of this site. The value arrives
/// decoded once (by the query or form parser); anything that could leave the site or break the header is refused
/// and replaced by the home page: a control character (CR and LF would start another header; a tab is dropped by
/// browsers, turning "/\t/host" into "//host"), a backslash (read as "/"), a "//" start or a scheme.
public enum RedirectTarget {
    public static func path(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" })
        else { return "/" }
        // What is left is a path with perhaps a query: keep it, percent-encoding what a header cannot carry raw.
        var allowed = CharacterSet.urlFragmentAllowed
        allowed.insert("%")
        return next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}
