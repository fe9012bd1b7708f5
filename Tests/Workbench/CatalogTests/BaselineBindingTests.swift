import Foundation
import Notebook
import Testing
@testable import Catalog

/// Notebook-level use of the learned baselines: train DiGNN and GRLO, solve, evaluate, plot.
@Suite struct BaselineBindingTests {
    @Test func trainSolveEvaluateBothBaselines() throws {
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=data
        train = laenet.dataset("gs2_gu4_au2", count: 16, seed: 1, jointly_feasible: true)
        valid = laenet.dataset("gs2_gu4_au2", count: 4, seed: 2, jointly_feasible: true)
        train_exact = laenet.solve(train, method: "exact")
        valid_exact = laenet.solve(valid, method: "exact")
        ```

        ```lab id=models
        dg = dignn.train(train, labels: train_exact, validation: valid, validation_labels: valid_exact,
                         hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 8)
        rl = grlo.train(train, validation: valid, validation_labels: valid_exact,
                        hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 8, samples: 2)
        ```

        ```lab id=use
        a = baseline.solve(dg, valid, samples: 4)
        b = baseline.solve(rl, valid)
        ratios = laenet.evaluate(valid, [a, b], reference: valid_exact)
        curve = plot.series([dg.loss, rl.epoch_sampled_cost], title: "Training")
        [dg.kind, rl.kind, a.method, b.method, ratios.ratio, rl.validation_cost_ratio]
        ```
        """)
        #expect(r["models"]?.outcome == .ran, "\(String(describing: r["models"]?.error))")
        #expect(r["use"]?.outcome == .ran, "\(String(describing: r["use"]?.error))")
        guard case .list(let items)? = r["use"]?.output, items.count == 6, case .list(let ratios) = items[4],
              case .series(let validation) = items[5] else {
            Issue.record("unexpected output \(String(describing: r["use"]?.output))")
            return
        }
        #expect(items.prefix(4).map(\.summary) == ["\"dignn\"", "\"grlo\"", "\"dignn\"", "\"grlo\""])
        #expect(ratios.count == 8 && ratios.allSatisfy { ($0.asDouble ?? 0) >= 1 - 1e-9 && ($0.asDouble ?? .infinity).isFinite })
        #expect(validation.steps == [2, 4])
        // Memoised: a second run of the same cell takes the model from the store.
        let again = try s.run("""
        ```lab id=m2
        t = laenet.dataset("gs2_gu4_au2", count: 16, seed: 1, jointly_feasible: true)
        v = laenet.dataset("gs2_gu4_au2", count: 4, seed: 2, jointly_feasible: true)
        x = dignn.train(t, labels: laenet.solve(t, method: "exact"), validation: v, validation_labels: laenet.solve(v, method: "exact"),
                        hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 8)
        x.loss
        ```
        """)
        guard case .series(let loss)? = again["m2"]?.output else {
            Issue.record("expected the loss series, got \(String(describing: again["m2"]?.output))")
            return
        }
        #expect(loss.steps == [1, 2, 3, 4])
    }
}
