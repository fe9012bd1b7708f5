import LabCore
import Testing
@testable import LAENet

struct GeneratorTests {
    @Test func sameSeedSameBytes() {
        for scale in LAENetScale.paperScales.prefix(4) {
            let a = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 42, index: 3).fileText
            let b = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 42, index: 3).fileText
            #expect(a == b)
            let c = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 43, index: 3).fileText
            #expect(a != c)
        }
        // Pinned digest of one instance: catches any change of the drawing order or formatting.
        let text = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .paper, seed: 1).fileText
        #expect(SHA256.hash(text).hex == GeneratorTests.pinnedDigest)
    }

    static let pinnedDigest = "f0796d71ff794017fcaefadb629593eb12d775817a532ee5b9bc48a9f4d8d660"

    @Test func parallelEqualsSerial() {
        let scale = try! LAENetScale.parse("gs3_gu7_au5")
        let parallel = LAENetGenerator.generate(scale: scale, profile: .paper, seed: 9, count: 24)
        let serial = (0..<24).map { LAENetGenerator.generate(scale: scale, profile: .paper, seed: 9, index: $0) }
        #expect(parallel == serial)
    }

    @Test(arguments: LAENetProfile.allCases)
    func instancesAreValid(profile: LAENetProfile) {
        for scale in LAENetScale.paperScales {
            for i in 0..<4 {
                let inst = LAENetGenerator.generate(scale: scale, profile: profile, seed: 17, index: i)
                let m = LAENetModel(inst)
                #expect(inst.servers.count == scale.serverCount && inst.users.count == scale.userCount)
                #expect(m.everyUserHasAnOption)
                let side = LAENetGenerator.areaSide(groundStations: scale.groundStations)
                #expect(inst.servers[0].position == [side / 2, side / 2, 20000])
                for (u, user) in inst.users.enumerated() {
                    #expect(user.kind == (u < scale.groundUsers ? .gu : .au))
                    #expect(inst.links.contains(.init(user: u, server: 0)))
                    #expect((1.2e9...7e9).contains(user.workloadCycles) && (2e9...6.5e9).contains(user.cpuHz))
                    #expect((0.3..<0.7).contains(user.delayWeight))
                    #expect((0..<side).contains(user.position[0]) && (0..<side).contains(user.position[1]))
                }
                for s in 1..<inst.servers.count {
                    let linked = inst.links.filter { $0.server == s }
                    #expect(!linked.isEmpty)
                    let inRange = linked.filter { LAENetChannel.distance(inst.users[$0.user].position, inst.servers[s].position) <= 600 }
                    // Either covered users, or exactly the one nearest user added by the coverage rule.
                    #expect(inRange.count == linked.count || linked.count == 1)
                }
            }
        }
    }

    @Test func scaleNames() throws {
        let s = try LAENetScale.parse("gs9_gu20_au13")
        #expect(s.serverCount == 10 && s.userCount == 33 && s.description == "gs9_gu20_au13")
        #expect(LAENetScale.paperScales.count == 8)
        for bad in ["", "gs2_gu4", "gs2_gu4_au2_x", "gsX_gu4_au2", "gs-1_gu4_au2", "gs2_au2_gu4", "gs0_gu0_au0", "gs2_gu4_au2 "] {
            #expect(throws: LabError.self) { try LAENetScale.parse(bad) }
            do { _ = try LAENetScale.parse(bad) } catch let e as LabError {
                #expect(e.code == .invalidInput && e.message.contains("gsX_guY_auZ"))
            }
        }
    }

    @Test func featuresFollowTheDocumentedLayout() {
        let inst = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .balanced, seed: 4)
        let m = LAENetModel(inst)
        let f = LAENetFeatures(m)
        #expect(f.slots.shape == [6, 3, 6])
        #expect(f.userNodes.shape == [6, 4] && f.serverNodes.shape == [3, 4])
        let x = f.slots.scalars
        for u in 0..<6 {
            for s in 0..<3 {
                let slot = Array(x[(u * 3 + s) * 6..<(u * 3 + s) * 6 + 6])
                if let k = m.linkIndex[u][s] {
                    #expect(slot[0] == 1)
                    #expect(slot[1] == LAENetFeatures.normalise(m.users[u].localCost))
                    #expect(slot[3] == LAENetFeatures.normalise(m.links[k].executeCost))
                    #expect(slot[4] == (m.users[u].localAllowed ? 1 : 0))
                    #expect(slot[5] == Float(m.links[k].minShare))
                } else {
                    #expect(slot == [0, 1, 1, 1, 0, 0])
                }
            }
        }
        #expect(Array(f.serverNodes.scalars[0..<4]) == [0, 0, 0.5, 0])
        #expect(f.userNodes.scalars[0] == 2 && f.userNodes.scalars[4 * 5] == 3)
        #expect(LAENetFeatures.normalise(0) == 0 && LAENetFeatures.normalise(1e12) == 1)
    }
}

extension GeneratorTests {
    @Test func jointlyFeasibleOptionRemovesInfeasibleInstances() {
        let scale = try! LAENetScale.parse("gs9_gu20_au13")
        var literalInfeasible = 0
        for i in 0..<12 {
            let literal = LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 2026, index: i))
            let joint = LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 2026, index: i, jointlyFeasible: true))
            let literalFeasible = literal.problem.placeForced(preferring: literal.problem.allLocal) != nil
            if !literalFeasible { literalInfeasible += 1 }
            #expect(joint.problem.placeForced(preferring: joint.problem.allLocal) != nil)
            // Without a redraw the two policies give the same instance.
            if literalFeasible { #expect(literal.instance == joint.instance) }
        }
        #expect(literalInfeasible > 0)
    }
}

extension GeneratorTests {
    @Test func batchesAndTargetsLineUpWithTheSlots() {
        let scale = try! LAENetScale.parse("gs2_gu4_au2")
        let models = (0..<3).map { LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 6, index: $0)) }
        let features = models.map(LAENetFeatures.init)
        let b = LAENetFeatures.batch(features)
        #expect(b.slots.shape == [3, 6, 3, 6] && b.userNodes.shape == [3, 6, 4] && b.serverNodes.shape == [3, 3, 4])
        #expect(Array(b.slots.scalars[108..<216]) == features[1].slots.scalars)
        let r = models[0].solve(.exact)
        let solution = models[0].solution(r)!
        let t = LAENetFeatures.targets(solution, serverCount: 3)
        for (u, c) in solution.choice.enumerated() {
            let row = Array(t.choice.scalars[u * 3..<u * 3 + 3])
            #expect(row.reduce(0, +) == (c == nil ? 0 : 1))
            if let c {
                #expect(row[c] == 1 && features[0].slots.scalars[(u * 3 + c) * 6] == 1)
                #expect(t.share.scalars[u * 3 + c] == Float(solution.shares![u]!))
            }
        }
    }
}
