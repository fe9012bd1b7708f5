import LAENet
import Notebook

extension LAENetSolutions {
    /// Instances per progress step of a chunked solve.
    static let chunkSize = 32

    /// Solves a dataset chunk by chunk, reporting progress after each chunk.
    ///
    /// Chunks only pace the progress bar: `solve` receives the models of one chunk and the
    /// chunk's range of instance indices, so per-instance seeds do not depend on the chunk size.
    static func solving(_ dataset: LAENetDataset, method: String, context: any CallContext, label: String,
                        _ solve: ([LAENetModel], Range<Int>) throws -> [Entry]) rethrows -> LAENetSolutions {
        let models = dataset.instances.map(LAENetModel.init)
        var entries: [Entry] = []
        for start in stride(from: 0, to: models.count, by: chunkSize) {
            let range = start..<min(models.count, start + chunkSize)
            entries += try solve(Array(models[range]), range)
            context.progress(entries.count, of: models.count, label)
        }
        return LAENetSolutions(method: method, entries: entries)
    }
}
