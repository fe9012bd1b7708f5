import Testing
@testable import Notebook

/// TeX to MathML Core: golden outputs for the documented subset, and errors for the rest.
@Suite struct TeXMathMLTests {
    static func body(_ tex: String, display: Bool = false) -> String {
        guard case .success(let m) = TeXMathML.render(tex, display: display) else { return "ERROR" }
        let start = m.range(of: "<semantics>")!.upperBound
        let end = m.range(of: "<annotation")!.lowerBound
        return String(m[start..<end])
    }

    @Test(arguments: [
        ("x_i^2", "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
        ("x^23", "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>"),
        (#"\frac{a+1}{b}"#, "<mfrac><mrow><mi>a</mi><mo>+</mo><mn>1</mn></mrow><mi>b</mi></mfrac>"),
        (#"\alpha\Gamma"#, "<mrow><mi>α</mi><mi mathvariant=\"normal\">Γ</mi></mrow>"),
        (#"\log_2 x"#, "<mrow><msub><mi>log</mi><mn>2</mn></msub><mspace width=\"0.1667em\"></mspace><mi>x</mi></mrow>"),
        (#"\mathbf{W}x"#, "<mrow><mi>𝐖</mi><mi>x</mi></mrow>"),
        (#"\mathbb{R}^n"#, "<msup><mi>ℝ</mi><mi>n</mi></msup>"),
        (#"\text{if } a<b"#, "<mrow><mtext>if\u{A0}</mtext><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"),
        (#"\hat{y}'"#, "<msup><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover><mo>′</mo></msup>"),
        (#"\sqrt[3]{x}"#, "<mroot><mi>x</mi><mn>3</mn></mroot>"),
        ("3.14-x", "<mrow><mn>3.14</mn><mo>−</mo><mi>x</mi></mrow>"),
    ])
    func inlineGoldens(tex: String, expected: String) {
        #expect(Self.body(tex) == expected)
    }

    @Test func sumsAndMinimaTakeLimitsBelow() {
        #expect(Self.body(#"\sum_{i=1}^{N} c_i"#, display: true)
            == "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>N</mi></munderover><msub><mi>c</mi><mi>i</mi></msub></mrow>")
        #expect(Self.body(#"\min_{x} f"#, display: true)
            == "<mrow><munder><mo movablelimits=\"true\" lspace=\"0\" rspace=\"0.1667em\" form=\"prefix\">min</mo><mi>x</mi></munder><mi>f</mi></mrow>")
        #expect(Self.body(#"\int_0^1"#) == "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>")
    }

    @Test func matricesAndCasesAreTables() {
        #expect(Self.body(#"\begin{bmatrix} a & b \\ c & d \end{bmatrix}"#)
            == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\">[</mo><mtable><mtr><mtd style=\"text-align:center\"><mi>a</mi></mtd><mtd style=\"text-align:center\"><mi>b</mi></mtd></mtr><mtr><mtd style=\"text-align:center\"><mi>c</mi></mtd><mtd style=\"text-align:center\"><mi>d</mi></mtd></mtr></mtable><mo fence=\"true\" form=\"postfix\" stretchy=\"true\">]</mo></mrow>")
        let cases = Self.body(#"x = \begin{cases} 1 & \text{if } y \\ 0 & \text{otherwise} \\ \end{cases}"#)
        #expect(cases.contains("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">{</mo><mtable>"), "\(cases)")
        #expect(cases.components(separatedBy: "<mtr>").count == 3, "a trailing \\\\ adds no empty row: \(cases)")
    }

    @Test func leftRightStretchAndDisplayIsBlock() throws {
        #expect(Self.body(#"\left( \frac{a}{b} \right]"#).hasPrefix("<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\">(</mo><mfrac>"))
        guard case .success(let m) = TeXMathML.render("a", display: true) else { Issue.record("a failed"); return }
        #expect(m.hasPrefix("<math display=\"block\"><semantics>") && m.contains("<annotation encoding=\"application/x-tex\">a</annotation>"))
    }

    @Test(arguments: [
        (#"\foo{x}"#, "unsupported TeX command `\\foo`"),
        ("a}", "unbalanced `}`"),
        ("{a", "unbalanced `{`"),
        ("x_1_2", "double subscript"),
        (#"\left( a"#, "`\\left` without a matching `\\right`"),
        (#"\begin{tikzcd}a\end{tikzcd}"#, "unsupported environment `tikzcd`"),
        ("a & b", "`&` outside a matrix"),
        (#"\frac{a}"#, "missing its argument"),
        (String(repeating: "{", count: 60) + String(repeating: "}", count: 60), "nests more than"),
    ])
    func unsupportedInputIsAnErrorNamingIt(tex: String, message: String) {
        guard case .failure(let error) = TeXMathML.render(tex, display: false) else { Issue.record("\(tex) rendered"); return }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func formulaTextNeverBecomesMarkup() {
        guard case .success(let m) = TeXMathML.render(#"a<b \text{</math><script>x</script>}"#, display: false) else { Issue.record("failed"); return }
        #expect(!m.contains("<script") && !m.contains("</math><"), "\(m)")
    }
}
