import LabCore
import MultiMEC
import Notebook

/// `multimec.environment`
struct MECEnvironmentBinding: Binding {
    static let description = BindingDescription("multimec.environment", returns: .library(MECEnvironmentValue.typeName),
        doc: "One MEC environment: bandwidth B, edge CPU frequency F and mean task size S̄, with U UEs (docs/multimec.md).\nMembers: bandwidth_mhz, edge_ghz, mean_task_kb, ues, label ((B,F,S̄)) and regime (training, interpolation or extrapolation against the 8 training environments).")
    @Parameter(.numbers(MECEnvironment.bandwidthRange), doc: "channel bandwidth B in MHz (every channel has the full B)") var bandwidthMhz: Double
    @Parameter(.numbers(MECEnvironment.edgeRange), doc: "edge CPU frequency F in GHz (1 GHz = 2^30 cycles/s)") var edgeGhz: Double
    @Parameter(.numbers(MECEnvironment.meanTaskRange), doc: "mean task size S̄ in kb") var meanTaskKb: Double
    @Parameter(default: MECConstants.defaultUsers, .integers(1...MECConstants.maximumUsers), doc: "user equipments U (20 in the repository, 10 the fallback)") var ues: Int

    func call(_ context: any CallContext) throws -> Value {
        .library(MECEnvironmentValue(try MECEnvironment(bandwidthMHz: bandwidthMhz, edgeGHz: edgeGhz, meanTaskKb: meanTaskKb, users: ues)))
    }
}

/// `multimec.environments`
struct MECEnvironmentsBinding: Binding {
    static let description = BindingDescription("multimec.environments", returns: .list,
        doc: "A named set of environments as a list of multimec.environment values, in a fixed order.\ntrain: the 8 training environments; in_distribution: 5 of them for evaluation; unseen: (5,6,600), (6,8,400), (8,10,700) (interpolation) and (11,12,1100) (extrapolation); calibration: the 9 rows of the calibration table; repository_train / repository_test: the repository's 15 and 8.")
    @Parameter(doc: MECEnvironmentSet.allCases.map(\.rawValue).joined(separator: ", ")) var set: MECEnvironmentSet
    @Parameter(default: MECConstants.defaultUsers, .integers(1...MECConstants.maximumUsers), doc: "user equipments U") var ues: Int

    func call(_ context: any CallContext) throws -> Value {
        .list(set.environments(users: ues).map { .library(MECEnvironmentValue($0)) })
    }
}

/// `multimec.environment_table`
struct MECEnvironmentTableBinding: Binding {
    static let description = BindingDescription("multimec.environment_table", returns: .table,
        doc: "Environment sets as one table (Table 1 of the reproduction with the default sets).\nOne row per (set, environment): set, environment ((B,F,S̄)), bandwidth_mhz, edge_ghz, mean_task_kb, ues, regime (training, interpolation or extrapolation against the train set).")
    @Parameter(default: [.train, .inDistribution, .unseen], doc: "set names, in the order wanted") var sets: [MECEnvironmentSet]
    @Parameter(default: MECConstants.defaultUsers, .integers(1...MECConstants.maximumUsers), doc: "user equipments U") var ues: Int

    func call(_ context: any CallContext) throws -> Value {
        let rows = sets.flatMap { s in s.environments(users: ues).map { (s.rawValue, $0) } }
        let envs = rows.map(\.1)
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("set", .strings(rows.map(\.0))), .init("environment", .strings(envs.map(\.description))),
                       .init("bandwidth_mhz", .numbers(envs.map(\.bandwidthMHz))), .init("edge_ghz", .numbers(envs.map(\.edgeGHz))),
                       .init("mean_task_kb", .numbers(envs.map(\.meanTaskKb))), .init("ues", .numbers(envs.map { Double($0.users) })),
                       .init("regime", .strings(envs.map(MECEnvironmentSet.regime(of:))))])
        })
    }
}
