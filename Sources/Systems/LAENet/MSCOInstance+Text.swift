import LabCore

/// GDSG's dataset line format (docs/gadsg.md §2.3): keyword-prefixed, space-separated sections.
extension MSCOInstance {
    /// Section keywords in file order.
    public static let sections = ["node", "edge", "node_raw", "edge_raw", "edge_attr", "gt_edges", "gt_ws", "gt_cost"]

    /// Parses one dataset line; errors name the file, line and section.
    public static func parse(line text: String, file: String, line: Int) throws -> MSCOInstance {
        func fail(_ section: String, _ problem: String) -> LabError {
            LabError(.invalidInput, "\(file):\(line): section \(section): \(problem).")
        }
        /// A node number as an Int, or nil when it is not a whole number of a sane size.
        func nodeNumber(_ x: Double) -> Int? { x == x.rounded() && abs(x) < 1e15 ? Int(x) : nil }
        var values: [String: [Double]] = [:]
        var current: String?
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            let t = String(token)
            if let first = t.first, first.isASCII, first.isNumber || first == "-" || first == "." {
                guard let section = current else { throw fail("(start)", "the line must start with a section keyword, found '\(t)'") }
                guard let x = Double(t), x.isFinite else { throw fail(section, "'\(t)' is not a number") }
                values[section, default: []].append(x)
            } else {
                guard sections.contains(t) else { throw fail(current ?? "(start)", "unknown keyword '\(t)' (expected one of \(sections.joined(separator: ", ")))") }
                guard values[t] == nil else { throw fail(t, "appears twice") }
                values[t] = []
                current = t
            }
        }
        for required in ["node", "edge", "node_raw", "edge_raw", "edge_attr"] where values[required] == nil {
            throw fail(required, "is missing")
        }
        let node = values["node"]!
        guard node.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw fail("node", "must hold 1 (server) or 0 (user) per node") }
        let s = node.filter { $0 == 1 }.count, u = node.count - s
        guard s > 0, u > 0, node.prefix(s).allSatisfy({ $0 == 1 }) else { throw fail("node", "must list S ones then U zeros with S, U > 0") }
        let edgeIDs = values["edge"]!
        let edgeNumbers = edgeIDs.compactMap(nodeNumber)
        guard edgeIDs.count % 2 == 0, edgeNumbers.count == edgeIDs.count else { throw fail("edge", "must hold integer (user node, server) pairs") }
        let k = edgeIDs.count / 2
        var edges: [(user: Int, server: Int)] = []
        var edgeSet = Set<[Int]>()
        for i in 0..<k {
            let (a, b) = (edgeNumbers[2 * i], edgeNumbers[2 * i + 1])
            guard (s..<s + u).contains(a), (0..<s).contains(b) else {
                throw fail("edge", "pair \(i) (\(a), \(b)) must link a user node \(s)...\(s + u - 1) to a server 0...\(s - 1)")
            }
            edges.append((a - s, b))
            edgeSet.insert([a - s, b])
        }
        let raw = values["node_raw"]!
        guard raw.count == 4 * u, raw.allSatisfy({ $0 >= 0 }) else { throw fail("node_raw", "must hold 4 non-negative values per user (\(4 * u)), found \(raw.count)") }
        let h = values["edge_raw"]!
        guard h.count == k else { throw fail("edge_raw", "must hold one value per edge (\(k)), found \(h.count)") }
        let attr = values["edge_attr"]!
        guard attr.count == 5 * k, attr.allSatisfy({ $0 >= 0 }) else { throw fail("edge_attr", "must hold 5 non-negative values per edge (\(5 * k)), found \(attr.count)") }
        let attributes = (0..<k).map { i in
            EdgeAttributes(localCost: attr[5 * i], transmitCost: attr[5 * i + 1], executeCost: attr[5 * i + 2],
                           minShare: attr[5 * i + 3], localMeetsDeadline: attr[5 * i + 4])
        }
        var label: Label?
        if let gt = values["gt_edges"] {
            let gtNumbers = gt.compactMap(nodeNumber)
            guard gt.count % 2 == 0, gtNumbers.count == gt.count else { throw fail("gt_edges", "must hold integer (user node, server) pairs") }
            var chosen: [(user: Int, server: Int)] = []
            var chosenUsers = Set<Int>()
            for i in 0..<gt.count / 2 {
                let (a, b) = (gtNumbers[2 * i], gtNumbers[2 * i + 1])
                guard edgeSet.contains([a - s, b]) else { throw fail("gt_edges", "pair \(i) (\(a), \(b)) is not an edge") }
                guard chosenUsers.insert(a - s).inserted else { throw fail("gt_edges", "user node \(a) is chosen twice") }
                chosen.append((a - s, b))
            }
            let ws = values["gt_ws"] ?? []
            guard ws.count == chosen.count, ws.allSatisfy({ $0 > 0 }) else { throw fail("gt_ws", "must hold one positive ratio per chosen edge (\(chosen.count)), found \(ws.count)") }
            guard let cost = values["gt_cost"], cost.count == 1 else { throw fail("gt_cost", "must hold exactly one number") }
            label = Label(edges: chosen, ratios: ws, cost: cost[0])
        }
        return MSCOInstance(serverCount: s, userCount: u, edges: edges,
                            userRaw: (0..<u).map { Array(raw[4 * $0..<4 * $0 + 4]) }, edgeRaw: h, attributes: attributes, label: label)
    }

    /// The dataset line (no trailing newline), numbers in shortest round-trip form.
    public var line: String {
        func f(_ x: Double) -> String { JSONValue.format(x) }
        var parts: [String] = ["node"] + (0..<serverCount).map { _ in "1" } + (0..<userCount).map { _ in "0" }
        parts.append("edge")
        for e in edges { parts += [String(e.user + serverCount), String(e.server)] }
        parts.append("node_raw")
        parts += userRaw.flatMap { $0.map(f) }
        parts.append("edge_raw")
        parts += edgeRaw.map(f)
        parts.append("edge_attr")
        for a in attributes { parts += [a.localCost, a.transmitCost, a.executeCost, a.minShare, a.localMeetsDeadline].map(f) }
        if let label {
            parts.append("gt_edges")
            for e in label.edges { parts += [String(e.user + serverCount), String(e.server)] }
            parts.append("gt_ws")
            parts += label.ratios.map(f)
            parts += ["gt_cost", f(label.cost)]
        }
        return parts.joined(separator: " ")
    }
}
