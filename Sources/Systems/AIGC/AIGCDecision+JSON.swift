import Foundation
import LabCore

extension AIGCDecision {
    /// A bare decision file: `{"format": "aigc-decision/1", "offload": [...], "localSteps": [...],
    /// "edgeSteps": [...], "localTime": [...]}`.
    private struct File: Codable {
        var format: String
        var offload: [Bool]
        var localSteps: [Double]
        var edgeSteps: [Double]
        var localTime: [Double]
    }

    private struct Probe: Decodable { var format: String }

    /// Reads the decision from an `aigc-solution/1` or `aigc-decision/1` file.
    ///
    /// Throws `.invalidInput` (exit code 2) naming `file` and the offending field; when `users` is
    /// given, the four arrays must each have that many entries.
    public static func decode(_ data: Data, file: String, users: Int? = nil) throws -> AIGCDecision {
        let decoder = AIGCJSON.decoder()
        let decision: AIGCDecision
        do {
            let format = try decoder.decode(Probe.self, from: data).format
            switch format {
            case AIGCModule.solutionFormat:
                decision = try decoder.decode(AIGCSolution.self, from: data).decision
            case AIGCModule.decisionFormat:
                let f = try decoder.decode(File.self, from: data)
                decision = AIGCDecision(offload: f.offload, localSteps: f.localSteps, edgeSteps: f.edgeSteps, localTime: f.localTime)
            default:
                throw LabError(.invalidInput, "\(file): field 'format' is '\(format)', expected '\(AIGCModule.solutionFormat)' or '\(AIGCModule.decisionFormat)'.")
            }
        } catch let error as DecodingError {
            throw LabError(.invalidInput, "\(file): \(AIGCJSON.describe(error))")
        } catch let error as LabError {
            throw error
        } catch {
            throw LabError(.invalidInput, "\(file): not valid JSON (\(error)).")
        }
        if let users {
            let lengths = [("offload", decision.offload.count), ("localSteps", decision.localSteps.count),
                           ("edgeSteps", decision.edgeSteps.count), ("localTime", decision.localTime.count)]
            for (key, count) in lengths where count != users {
                throw LabError(.invalidInput, "\(file): field '\(key)' has \(count) entries but the drop has \(users) users.")
            }
        }
        return decision
    }

    /// This decision as a bare `aigc-decision/1` file.
    public func encodedFile() throws -> Data {
        try AIGCJSON.encoder().encode(File(format: AIGCModule.decisionFormat, offload: offload, localSteps: localSteps,
                                            edgeSteps: edgeSteps, localTime: localTime))
    }
}
