import LabCore
import LAENet

extension LAENetSolutions {
    /// Each user's server index in every instance of `dataset`, the instances these solutions solve.
    ///
    /// A stored decision is the index of one of the user's options (its links on which it can
    /// meet the deadline, in instance order), which is meaningless without the instance; this
    /// maps it through ``LAENetModel/choices(_:)`` to the server index of the instance's
    /// `servers` array (`laenet-solution/1`'s `choice`). An entry is nil where the method found
    /// nothing; inside one, nil is local execution.
    ///
    /// - Throws: `.invalidInput` when the dataset is not the one solved: a different number of
    ///   instances or users, or a decision that is not one of the user's options.
    public func serverChoices(on dataset: LAENetDataset) throws -> [[Int?]?] {
        guard dataset.instances.count == entries.count else {
            throw LabError(.invalidInput, "These solutions cover \(entries.count) instances but the dataset has \(dataset.instances.count): give the dataset the solutions were computed on (the `dataset:` argument of the call that made them).")
        }
        return try zip(entries, dataset.instances).enumerated().map { i, pair -> [Int?]? in
            guard let decisions = pair.0.decisions else { return nil }
            let model = LAENetModel(pair.1)
            guard decisions.count == model.users.count else {
                throw LabError(.invalidInput, "Instance \(i) of the dataset has \(model.users.count) users but its solution decides for \(decisions.count): give the dataset the solutions were computed on.")
            }
            for (u, d) in decisions.enumerated() where d >= model.problem.options[u].count {
                throw LabError(.invalidInput, "User \(u) of instance \(i) has \(model.problem.options[u].count) options but its solution picks option \(d): give the dataset the solutions were computed on.")
            }
            return model.choices(decisions)
        }
    }
}
