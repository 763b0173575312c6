extension Sequence where Element: Hashable {
    /// The elements in order, each once: the first occurrence wins.
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
