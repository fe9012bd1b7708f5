import LabCore
import Testing
@testable import LAENet

struct ExchangeFormatTests {
    static let text = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .balanced, seed: 3).fileText

    /// Decodes `mutated` and returns the error message (fails the test when it decodes).
    func failure(_ mutated: String, file: String = "inst.json") -> String? {
        do {
            _ = try LAENetInstance.decode(mutated, file: file)
            Issue.record("decoded a malformed instance")
            return nil
        } catch let e as LabError {
            #expect(e.code == .invalidInput && e.code.exitCode == 2)
            return e.description
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func roundTripIsExact() throws {
        let a = try LAENetInstance.decode(Self.text, file: "a.json")
        #expect(a.fileText == Self.text)
        #expect(a == LAENetGenerator.generate(scale: try LAENetScale.parse("gs2_gu4_au2"), profile: .balanced, seed: 3))
    }

    @Test func malformedInstancesNameFileAndField() throws {
        #expect(failure("{\"format\": ", file: "x.json")?.contains("x.json:1:") == true)
        #expect(failure(Self.text.replacingFirst("\"workload_cycles\": ", "\"workload_cycle\": "))?.contains("field users[0].workload_cycles: is missing") == true)
        let negative = Self.text.replacingFirst("\"cpu_hz\": 5000000000", "\"cpu_hz\": -5")
        #expect(failure(negative)?.contains("servers[0].cpu_hz") == true)
        #expect(failure(Self.text.replacingFirst("\"delay_weight\": ", "\"delay_weight\": -"))?.contains("users[0].delay_weight: must not be negative") == true)
        #expect(failure(Self.text.replacingFirst("\"noise_power_w\": ", "\"noise_power_w\": -"))?.contains("constants.noise_power_w") == true)
        #expect(failure(Self.text.replacingFirst("[0, 0]", "[0, 7]"))?.contains("links[0][1] (server): must be in 0...2 (got 7)") == true)
        #expect(failure(Self.text.replacingFirst("\"gs2_gu4_au2\"", "\"gs2_gu4\""))?.contains("field scale") == true)
        #expect(failure(Self.text.replacingFirst("laenet-instance/1", "laenet-instance/2"))?.contains("field format") == true)
        #expect(failure(Self.text.replacingFirst("\"kind\": \"hap\"", "\"kind\": \"gs\""))?.contains("servers[0].kind") == true)
        #expect(failure("[1, 2]")?.contains("(top level): must be an object") == true)
    }

    @Test func solutionsValidateAgainstTheInstance() throws {
        let inst = try LAENetInstance.decode(Self.text, file: "a.json")
        let f = JSONFields(file: "s.json")
        let good = try LAENetSolution.decode(f.parse("{\"format\":\"laenet-solution/1\",\"choice\":[null,0,null,null,null,null]}"), file: "s.json", for: inst)
        #expect(good.choice[1] == 0 && good.shares == nil)
        for (bad, field) in [("{\"format\":\"laenet-solution/1\",\"choice\":[null]}", "choice: must have 6 entries"),
                             ("{\"format\":\"laenet-solution/1\",\"choice\":[null,9,null,null,null,null]}", "choice[1]"),
                             ("{\"format\":\"laenet-solution/1\",\"choice\":[null,0,null,null,null,null],\"shares\":[null,-0.5,null,null,null,null]}", "shares[1]: must not be negative")] {
            #expect(throws: LabError.self) { try LAENetSolution.decode(f.parse(bad), file: "s.json", for: inst) }
            do { _ = try LAENetSolution.decode(f.parse(bad), file: "s.json", for: inst) } catch let e as LabError {
                #expect(e.message.contains(field) && e.message.contains("s.json"), "\(e.message)")
            }
        }
        // A solver's solution round-trips through the exchange format and evaluates identically.
        let m = LAENetModel(inst)
        let r = m.solve(.mcmf, seed: 1)
        let text = m.solution(r)!.json.serialized()
        let back = try LAENetSolution.decode(f.parse(text), file: "s.json", for: inst)
        #expect(m.evaluate(back).cost == m.evaluate(m.solution(r)!).cost)
    }

    @Test func jsonParserIsStrict() throws {
        for bad in ["", "{", "[1,]", "{\"a\":1,}", "01", "1.", "nul", "\"\\x\"", "{\"a\":1,\"a\":2}", "[1] 2", "1e400"] {
            #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(bad) }
        }
        #expect(try JSONValue.parse(" {\"a\": [1, -2.5e-3, true, null, \"\\u00e9\\n\"]} ").serialized() == "{\"a\":[1,-0.0025,true,null,\"é\\n\"]}")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, _ replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
