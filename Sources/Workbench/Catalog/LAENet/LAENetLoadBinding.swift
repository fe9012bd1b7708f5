import Foundation
import LabCore
import LAENet
import Notebook

/// `laenet.load`
struct LAENetLoad: Binding {
    static let description = BindingDescription("laenet.load", returns: .library(LAENetDataset.typeName),
        doc: "Instance files (laenet-instance/1 JSON, docs/laenet.md §7) as a dataset, in file-name order.\nThe pattern is relative to the notebook's folder, with wildcards in the file name only (e.g. \"data/*.json\"); the files' bytes are part of the cell's key, so editing a file makes the cells that use it stale.",
        filesParameter: "files")
    @Parameter(doc: "file pattern relative to the notebook's folder, e.g. \"data/*.json\" (a string literal)") var files: String

    func call(_ context: any CallContext) throws -> Value {
        let paths: [String]
        do { paths = try FileGlob.expand(files, relativeTo: context.directory) } catch let e as LabError {
            throw ArgumentError(parameter: "files", message: "`files` of `laenet.load`: \(e.message)")
        }
        var instances: [LAENetInstance] = []
        for (i, path) in paths.enumerated() {
            context.progress(i, of: paths.count, "reading \(path)")
            guard let data = FileManager.default.contents(atPath: FileGlob.resolve(path, relativeTo: context.directory)) else {
                throw ArgumentError(parameter: "files", message: "`files` of `laenet.load`: cannot read '\(path)'; check its permissions")
            }
            do { instances.append(try LAENetInstance.decode(String(decoding: data, as: UTF8.self), file: path)) } catch let e as LabError {
                throw ArgumentError(parameter: "files", message: "`files` of `laenet.load`: \(e.message)")
            }
        }
        context.progress(paths.count, of: paths.count, "read")
        func common(_ values: [String?]) -> String {
            let distinct = Set(values.map { $0 ?? "unknown" })
            return distinct.count == 1 ? distinct.first! : "mixed"
        }
        return .library(LAENetDataset(scale: common(instances.map { $0.scale?.description }),
                                      profile: common(instances.map { $0.profile?.rawValue }), instances: instances))
    }
}
