/// The TeX control sequences ``TeXMathML`` knows, with their Unicode characters.
enum TeXSymbols {
    /// Greek letters (capitals are upright, as in TeX).
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Symbols that are identifiers rather than operators.
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ", "hbar": "ℏ",
        "top": "⊤", "bot": "⊥", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "imath": "ı", "jmath": "ȷ",
    ]

    /// Relations, binary operators, arrows, dots and brackets.
    static let operators: [String: String] = [
        "times": "×", "cdot": "⋅", "cdotp": "⋅", "pm": "±", "mp": "∓", "div": "÷", "ast": "∗", "star": "⋆", "circ": "∘",
        "bullet": "∙", "setminus": "∖", "oplus": "⊕", "otimes": "⊗", "odot": "⊙", "wedge": "∧", "land": "∧", "vee": "∨",
        "lor": "∨", "neg": "¬", "lnot": "¬", "cup": "∪", "cap": "∩",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "lt": "<", "gt": ">", "ll": "≪", "gg": "≫",
        "approx": "≈", "equiv": "≡", "sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "triangleq": "≜",
        "coloneqq": "≔", "doteq": "≐", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "perp": "⊥",
        "mid": "∣", "parallel": "∥", "forall": "∀", "exists": "∃", "nexists": "∄",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑",
        "downarrow": "↓", "longrightarrow": "⟶", "longmapsto": "⟼",
        "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "prime": "′",
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "|": "‖", "Vert": "‖", "vert": "|", "lvert": "|", "rvert": "|",
        "lVert": "‖", "rVert": "‖", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "%": "%", "#": "#", "&": "&", "$": "$", "_": "_",
    ]

    /// Delimiter commands that open or close a pair (fixed size, no operator spacing).
    static let openingDelimiters: Set<String> = ["{", "lbrace", "langle", "lfloor", "lceil", "lvert", "lVert"]
    static let closingDelimiters: Set<String> = ["}", "rbrace", "rangle", "rfloor", "rceil", "rvert", "rVert"]

    /// Large operators: scripts go below and above, except for integrals.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
        "bigvee": "⋁", "bigwedge": "⋀", "int": "∫", "iint": "∬", "oint": "∮",
    ]

    /// Function names set upright, scripts to the side.
    static let functions: Set<String> = [
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "arcsin", "arccos",
        "arctan", "arg", "deg", "dim", "ker", "hom",
    ]

    /// Function names whose subscripts go below in display formulas.
    static let limitFunctions: [String: String] = [
        "min": "min", "max": "max", "lim": "lim", "sup": "sup", "inf": "inf", "liminf": "lim inf", "limsup": "lim sup",
        "argmin": "arg min", "argmax": "arg max", "det": "det", "Pr": "Pr", "gcd": "gcd",
    ]

    /// Spacing commands and their widths (empty: none, for `\!`).
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
        ";": "0.2778em", "thickspace": "0.2778em", " ": "0.333em", "quad": "1em", "qquad": "2em", "!": "",
        "negthinspace": "",
    ]

    /// Accents: the mark and whether it stretches over its base.
    static let accents: [String: (mark: String, stretchy: Bool)] = [
        "hat": ("^", false), "widehat": ("^", true), "bar": ("\u{AF}", false), "tilde": ("~", false), "widetilde": ("~", true),
        "vec": ("\u{2192}", false), "overrightarrow": ("\u{2192}", true), "dot": ("\u{2D9}", false), "ddot": ("\u{A8}", false),
        "check": ("\u{2C7}", false), "breve": ("\u{2D8}", false), "acute": ("\u{B4}", false), "grave": ("`", false),
    ]

    /// Delimiters by command name, for `\left`, `\right` and `\big`.
    static let delimiters: [String: String] = [
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "langle": "⟨", "rangle": "⟩", "|": "‖", "Vert": "‖", "vert": "|",
        "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    ]

    /// `\big`… sizes.
    static let delimiterSizes: [String: String] = ["big": "1.2em", "Big": "1.623em", "bigg": "2.047em", "Bigg": "2.470em"]

    /// Operators written as plain characters.
    static let characterOperators: [Character: String] = [
        "+": "+", "-": "\u{2212}", "=": "=", "<": "<", ">": ">", ",": ",", ";": ";", ":": ":", "!": "!", "?": "?",
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "*": "\u{2217}", ".": ".", "@": "@",
    ]

    /// Matrix-like environments.
    static let environments: [String: TeXEnvironment] = [
        "matrix": TeXEnvironment(open: "", close: "", alignments: ["center"]),
        "array": TeXEnvironment(open: "", close: "", alignments: ["center"]),
        "pmatrix": TeXEnvironment(open: "(", close: ")", alignments: ["center"]),
        "bmatrix": TeXEnvironment(open: "[", close: "]", alignments: ["center"]),
        "Bmatrix": TeXEnvironment(open: "{", close: "}", alignments: ["center"]),
        "vmatrix": TeXEnvironment(open: "|", close: "|", alignments: ["center"]),
        "Vmatrix": TeXEnvironment(open: "‖", close: "‖", alignments: ["center"]),
        "cases": TeXEnvironment(open: "{", close: "", alignments: ["left"]),
        "aligned": TeXEnvironment(open: "", close: "", alignments: ["right", "left"], tight: true),
        "gathered": TeXEnvironment(open: "", close: "", alignments: ["center"]),
    ]
}
