#include "readers/latex_text.h"

#include "mlsys/schema/text.h"

#include <cctype>
#include <map>
#include <optional>
#include <unordered_map>

namespace mlsys::indexer {

namespace {

// Accent (the character after the backslash) + ASCII letter → the precomposed character.
// Generated from Unicode's canonical compositions (Python: unicodedata.normalize("NFC",
// letter + combining mark) where that gives one character) for the accents below.
const std::unordered_map<std::string, std::string>& precomposed() {
    static const std::unordered_map<std::string, std::string> kTable{
        {"'a", "á"},  {"'c", "ć"},  {"'e", "é"},  {"'g", "ǵ"},  {"'i", "í"},  {"'k", "ḱ"},  {"'l", "ĺ"},  {"'m", "ḿ"},
        {"'n", "ń"},  {"'o", "ó"},  {"'p", "ṕ"},  {"'r", "ŕ"},  {"'s", "ś"},  {"'u", "ú"},  {"'w", "ẃ"},  {"'y", "ý"},
        {"'z", "ź"},  {"'A", "Á"},  {"'C", "Ć"},  {"'E", "É"},  {"'G", "Ǵ"},  {"'I", "Í"},  {"'K", "Ḱ"},  {"'L", "Ĺ"},
        {"'M", "Ḿ"},  {"'N", "Ń"},  {"'O", "Ó"},  {"'P", "Ṕ"},  {"'R", "Ŕ"},  {"'S", "Ś"},  {"'U", "Ú"},  {"'W", "Ẃ"},
        {"'Y", "Ý"},  {"'Z", "Ź"},  {"`a", "à"},  {"`e", "è"},  {"`i", "ì"},  {"`n", "ǹ"},  {"`o", "ò"},  {"`u", "ù"},
        {"`w", "ẁ"},  {"`y", "ỳ"},  {"`A", "À"},  {"`E", "È"},  {"`I", "Ì"},  {"`N", "Ǹ"},  {"`O", "Ò"},  {"`U", "Ù"},
        {"`W", "Ẁ"},  {"`Y", "Ỳ"},  {"^a", "â"},  {"^c", "ĉ"},  {"^e", "ê"},  {"^g", "ĝ"},  {"^h", "ĥ"},  {"^i", "î"},
        {"^j", "ĵ"},  {"^o", "ô"},  {"^s", "ŝ"},  {"^u", "û"},  {"^w", "ŵ"},  {"^y", "ŷ"},  {"^z", "ẑ"},  {"^A", "Â"},
        {"^C", "Ĉ"},  {"^E", "Ê"},  {"^G", "Ĝ"},  {"^H", "Ĥ"},  {"^I", "Î"},  {"^J", "Ĵ"},  {"^O", "Ô"},  {"^S", "Ŝ"},
        {"^U", "Û"},  {"^W", "Ŵ"},  {"^Y", "Ŷ"},  {"^Z", "Ẑ"},  {"\"a", "ä"}, {"\"e", "ë"}, {"\"h", "ḧ"}, {"\"i", "ï"},
        {"\"o", "ö"}, {"\"t", "ẗ"}, {"\"u", "ü"}, {"\"w", "ẅ"}, {"\"x", "ẍ"}, {"\"y", "ÿ"}, {"\"A", "Ä"}, {"\"E", "Ë"},
        {"\"H", "Ḧ"}, {"\"I", "Ï"}, {"\"O", "Ö"}, {"\"U", "Ü"}, {"\"W", "Ẅ"}, {"\"X", "Ẍ"}, {"\"Y", "Ÿ"}, {"~a", "ã"},
        {"~e", "ẽ"},  {"~i", "ĩ"},  {"~n", "ñ"},  {"~o", "õ"},  {"~u", "ũ"},  {"~v", "ṽ"},  {"~y", "ỹ"},  {"~A", "Ã"},
        {"~E", "Ẽ"},  {"~I", "Ĩ"},  {"~N", "Ñ"},  {"~O", "Õ"},  {"~U", "Ũ"},  {"~V", "Ṽ"},  {"~Y", "Ỹ"},  {"=a", "ā"},
        {"=e", "ē"},  {"=g", "ḡ"},  {"=i", "ī"},  {"=o", "ō"},  {"=u", "ū"},  {"=y", "ȳ"},  {"=A", "Ā"},  {"=E", "Ē"},
        {"=G", "Ḡ"},  {"=I", "Ī"},  {"=O", "Ō"},  {"=U", "Ū"},  {"=Y", "Ȳ"},  {".a", "ȧ"},  {".b", "ḃ"},  {".c", "ċ"},
        {".d", "ḋ"},  {".e", "ė"},  {".f", "ḟ"},  {".g", "ġ"},  {".h", "ḣ"},  {".m", "ṁ"},  {".n", "ṅ"},  {".o", "ȯ"},
        {".p", "ṗ"},  {".r", "ṙ"},  {".s", "ṡ"},  {".t", "ṫ"},  {".w", "ẇ"},  {".x", "ẋ"},  {".y", "ẏ"},  {".z", "ż"},
        {".A", "Ȧ"},  {".B", "Ḃ"},  {".C", "Ċ"},  {".D", "Ḋ"},  {".E", "Ė"},  {".F", "Ḟ"},  {".G", "Ġ"},  {".H", "Ḣ"},
        {".I", "İ"},  {".M", "Ṁ"},  {".N", "Ṅ"},  {".O", "Ȯ"},  {".P", "Ṗ"},  {".R", "Ṙ"},  {".S", "Ṡ"},  {".T", "Ṫ"},
        {".W", "Ẇ"},  {".X", "Ẋ"},  {".Y", "Ẏ"},  {".Z", "Ż"},  {"ua", "ă"},  {"ue", "ĕ"},  {"ug", "ğ"},  {"ui", "ĭ"},
        {"uo", "ŏ"},  {"uu", "ŭ"},  {"uA", "Ă"},  {"uE", "Ĕ"},  {"uG", "Ğ"},  {"uI", "Ĭ"},  {"uO", "Ŏ"},  {"uU", "Ŭ"},
        {"va", "ǎ"},  {"vc", "č"},  {"vd", "ď"},  {"ve", "ě"},  {"vg", "ǧ"},  {"vh", "ȟ"},  {"vi", "ǐ"},  {"vj", "ǰ"},
        {"vk", "ǩ"},  {"vl", "ľ"},  {"vn", "ň"},  {"vo", "ǒ"},  {"vr", "ř"},  {"vs", "š"},  {"vt", "ť"},  {"vu", "ǔ"},
        {"vz", "ž"},  {"vA", "Ǎ"},  {"vC", "Č"},  {"vD", "Ď"},  {"vE", "Ě"},  {"vG", "Ǧ"},  {"vH", "Ȟ"},  {"vI", "Ǐ"},
        {"vK", "Ǩ"},  {"vL", "Ľ"},  {"vN", "Ň"},  {"vO", "Ǒ"},  {"vR", "Ř"},  {"vS", "Š"},  {"vT", "Ť"},  {"vU", "Ǔ"},
        {"vZ", "Ž"},  {"Ho", "ő"},  {"Hu", "ű"},  {"HO", "Ő"},  {"HU", "Ű"},  {"cc", "ç"},  {"cd", "ḑ"},  {"ce", "ȩ"},
        {"cg", "ģ"},  {"ch", "ḩ"},  {"ck", "ķ"},  {"cl", "ļ"},  {"cn", "ņ"},  {"cr", "ŗ"},  {"cs", "ş"},  {"ct", "ţ"},
        {"cC", "Ç"},  {"cD", "Ḑ"},  {"cE", "Ȩ"},  {"cG", "Ģ"},  {"cH", "Ḩ"},  {"cK", "Ķ"},  {"cL", "Ļ"},  {"cN", "Ņ"},
        {"cR", "Ŗ"},  {"cS", "Ş"},  {"cT", "Ţ"},  {"ka", "ą"},  {"ke", "ę"},  {"ki", "į"},  {"ko", "ǫ"},  {"ku", "ų"},
        {"kA", "Ą"},  {"kE", "Ę"},  {"kI", "Į"},  {"kO", "Ǫ"},  {"kU", "Ų"},  {"ra", "å"},  {"ru", "ů"},  {"rw", "ẘ"},
        {"ry", "ẙ"},  {"rA", "Å"},  {"rU", "Ů"},  {"da", "ạ"},  {"db", "ḅ"},  {"dd", "ḍ"},  {"de", "ẹ"},  {"dh", "ḥ"},
        {"di", "ị"},  {"dk", "ḳ"},  {"dl", "ḷ"},  {"dm", "ṃ"},  {"dn", "ṇ"},  {"do", "ọ"},  {"dr", "ṛ"},  {"ds", "ṣ"},
        {"dt", "ṭ"},  {"du", "ụ"},  {"dv", "ṿ"},  {"dw", "ẉ"},  {"dy", "ỵ"},  {"dz", "ẓ"},  {"dA", "Ạ"},  {"dB", "Ḅ"},
        {"dD", "Ḍ"},  {"dE", "Ẹ"},  {"dH", "Ḥ"},  {"dI", "Ị"},  {"dK", "Ḳ"},  {"dL", "Ḷ"},  {"dM", "Ṃ"},  {"dN", "Ṇ"},
        {"dO", "Ọ"},  {"dR", "Ṛ"},  {"dS", "Ṣ"},  {"dT", "Ṭ"},  {"dU", "Ụ"},  {"dV", "Ṿ"},  {"dW", "Ẉ"},  {"dY", "Ỵ"},
        {"dZ", "Ẓ"},  {"bb", "ḇ"},  {"bd", "ḏ"},  {"bh", "ẖ"},  {"bk", "ḵ"},  {"bl", "ḻ"},  {"bn", "ṉ"},  {"br", "ṟ"},
        {"bt", "ṯ"},  {"bz", "ẕ"},  {"bB", "Ḇ"},  {"bD", "Ḏ"},  {"bK", "Ḵ"},  {"bL", "Ḻ"},  {"bN", "Ṉ"},  {"bR", "Ṟ"},
        {"bT", "Ṯ"},  {"bZ", "Ẕ"},
    };
    return kTable;
}

// The combining mark of each accent, for letters without a precomposed form.
const std::map<char, char32_t> kCombiningMarks{
    {'\'', 0x301}, {'`', 0x300}, {'^', 0x302}, {'"', 0x308}, {'~', 0x303}, {'=', 0x304}, {'.', 0x307}, {'u', 0x306},
    {'v', 0x30C},  {'H', 0x30B}, {'c', 0x327}, {'k', 0x328}, {'r', 0x30A}, {'d', 0x323}, {'b', 0x331}, {'t', 0x361}};

bool is_symbol_accent(char c) {
    return c == '\'' || c == '`' || c == '^' || c == '"' || c == '~' || c == '=' || c == '.';
}

bool is_letter_accent(const std::string& name) {
    return name.size() == 1 && std::string("ckuvHrdbt").find(name[0]) != std::string::npos;
}

// Commands that stand for a character.
const std::unordered_map<std::string, std::string> kSymbols{{"ss", "ß"},
                                                            {"i", "ı"},
                                                            {"j", "ȷ"},
                                                            {"l", "ł"},
                                                            {"L", "Ł"},
                                                            {"o", "ø"},
                                                            {"O", "Ø"},
                                                            {"ae", "æ"},
                                                            {"AE", "Æ"},
                                                            {"oe", "œ"},
                                                            {"OE", "Œ"},
                                                            {"aa", "å"},
                                                            {"AA", "Å"},
                                                            {"dh", "ð"},
                                                            {"DH", "Ð"},
                                                            {"th", "þ"},
                                                            {"TH", "Þ"},
                                                            {"ng", "ŋ"},
                                                            {"NG", "Ŋ"},
                                                            {"LaTeX", "LaTeX"},
                                                            {"TeX", "TeX"},
                                                            {"ldots", "…"},
                                                            {"dots", "…"},
                                                            {"textendash", "–"},
                                                            {"textemdash", "—"},
                                                            {"textquoteleft", "‘"},
                                                            {"textquoteright", "’"},
                                                            {"textquotedblleft", "“"},
                                                            {"textquotedblright", "”"},
                                                            {"S", "§"},
                                                            {"P", "¶"},
                                                            {"copyright", "©"},
                                                            {"textregistered", "®"},
                                                            {"texttrademark", "™"},
                                                            {"euro", "€"},
                                                            {"pounds", "£"},
                                                            {"times", "×"},
                                                            {"pm", "±"},
                                                            {"infty", "∞"},
                                                            {"approx", "≈"},
                                                            {"leq", "≤"},
                                                            {"geq", "≥"},
                                                            {"le", "≤"},
                                                            {"ge", "≥"},
                                                            {"rightarrow", "→"},
                                                            {"to", "→"},
                                                            {"alpha", "α"},
                                                            {"beta", "β"},
                                                            {"gamma", "γ"},
                                                            {"delta", "δ"},
                                                            {"epsilon", "ε"},
                                                            {"theta", "θ"},
                                                            {"lambda", "λ"},
                                                            {"mu", "μ"},
                                                            {"pi", "π"},
                                                            {"rho", "ρ"},
                                                            {"sigma", "σ"},
                                                            {"tau", "τ"},
                                                            {"phi", "φ"},
                                                            {"omega", "ω"},
                                                            {"Delta", "Δ"},
                                                            {"Sigma", "Σ"},
                                                            {"Omega", "Ω"},
                                                            {"textbackslash", "\\"},
                                                            {"textasciitilde", "~"},
                                                            {"textunderscore", "_"},
                                                            {"quad", " "},
                                                            {"qquad", " "}};

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

class LatexDecoder {
  public:
    explicit LatexDecoder(std::string_view in) : in_(in) {}

    std::string decode_all() {
        std::string out;
        while (pos_ < in_.size()) decode_next(out);
        return out;
    }

  private:
    bool at(std::string_view s) const { return in_.substr(pos_, s.size()) == s; }

    void decode_next(std::string& out) {
        const char c = in_[pos_];
        if (c == '{' || c == '}') {
            ++pos_;  // protecting braces: the text inside stays
        } else if (c == '\\') {
            decode_command(out);
        } else if (at("$\\{$") || at("$\\}$")) {
            pos_ += 4;  // Google Scholar writes protected words as $\{$AI$\}$
        } else if (c == '$') {
            ++pos_;  // math: keep its content
        } else if (c == '~') {
            out += ' ', ++pos_;
        } else if (at("---")) {
            out += "—", pos_ += 3;
        } else if (at("--")) {
            out += "–", pos_ += 2;
        } else if (at("``")) {
            out += "“", pos_ += 2;
        } else if (at("''")) {
            out += "”", pos_ += 2;
        } else {
            out += c, ++pos_;
        }
    }

    void decode_command(std::string& out) {
        ++pos_;  // the backslash
        if (pos_ >= in_.size()) return;
        const char c = in_[pos_];
        if (std::isalpha(static_cast<unsigned char>(c))) return decode_control_word(out);
        ++pos_;
        if (is_symbol_accent(c)) {
            out += accented(c, argument());
        } else if (c == '\\' || std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == ':') {
            out += ' ';                                 // line break, control space, thin spaces
        } else if (c != '-' && c != '/' && c != '@') {  // \- \/ \@ only guide typesetting
            out += c;                                   // \& \% \$ \# \_ \{ \}
        }
    }

    void decode_control_word(std::string& out) {
        const std::size_t start = pos_;
        while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        const std::string name(in_.substr(start, pos_ - start));
        skip_spaces();  // as TeX does after a control word: Preu\ss er → Preußer
        if (is_letter_accent(name)) {
            out += accented(name[0], argument());
        } else if (const auto symbol = kSymbols.find(name); symbol != kSymbols.end()) {
            out += symbol->second;
        } else if (name == "url") {
            out += raw_group();
        } else if (name == "href") {
            raw_group();  // the target; the text follows
            out += argument();
        } else if (pos_ < in_.size() && in_[pos_] == '{') {
            out += argument();  // \emph{x}, \textbf{x}, \mbox{x} and the unknown alike
        } else {
            out += name;
        }
    }

    void skip_spaces() {
        while (pos_ < in_.size() && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
    }

    // The content of the {group} at pos_, verbatim, braces inside it kept.
    std::string raw_group() {
        skip_spaces();
        if (pos_ >= in_.size() || in_[pos_] != '{') return {};
        const std::size_t start = ++pos_;
        int depth = 1;
        for (; pos_ < in_.size(); ++pos_) {
            if (in_[pos_] == '{') ++depth;
            if (in_[pos_] == '}' && --depth == 0) break;
        }
        const std::string group(in_.substr(start, pos_ - start));
        if (pos_ < in_.size()) ++pos_;
        return group;
    }

    // A command's argument, decoded: a {group}, a command (\i) or one character.
    std::string argument() {
        skip_spaces();
        if (pos_ >= in_.size()) return {};
        if (in_[pos_] == '{') return LatexDecoder(raw_group()).decode_all();
        std::string out;
        if (in_[pos_] == '\\') {
            decode_command(out);
            return out;
        }
        const std::size_t length = utf8_length(static_cast<unsigned char>(in_[pos_]));
        out = std::string(in_.substr(pos_, length));
        pos_ += length;
        return out;
    }

    static std::string accented(char accent, const std::string& argument) {
        if (argument.empty()) return accent == '~' || accent == '^' ? std::string(1, accent) : std::string();
        std::string base = argument.substr(0, utf8_length(static_cast<unsigned char>(argument[0])));
        const std::string rest = argument.substr(base.size());
        if (base == "ı") base = "i";  // {\'\i}: the dotless i carries the accent
        if (base == "ȷ") base = "j";
        const auto composed = precomposed().find(std::string(1, accent) + base);
        if (composed != precomposed().end()) return composed->second + rest;
        const auto mark = kCombiningMarks.find(accent);
        return base + (mark == kCombiningMarks.end() ? "" : utf8_encode(mark->second)) + rest;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
};

const std::unordered_map<std::string, std::string> kNamedEntities{{"amp", "&"},   {"lt", "<"},   {"gt", ">"},
                                                                  {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};

// The character of the entity starting at text[0] ('&'), and its length; nullopt when unknown.
std::optional<std::pair<std::string, std::size_t>> entity_at(std::string_view text) {
    const std::size_t semicolon = text.find(';');
    constexpr std::size_t kLongestEntity = 10;
    if (semicolon == std::string_view::npos || semicolon < 2 || semicolon > kLongestEntity) return std::nullopt;
    const std::string name(text.substr(1, semicolon - 1));
    if (const auto named = kNamedEntities.find(name); named != kNamedEntities.end()) {
        return std::make_pair(named->second, semicolon + 1);
    }
    if (name[0] != '#') return std::nullopt;
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    for (const char c : digits) {
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c)))) {
            return std::nullopt;
        }
    }
    const unsigned long code = std::stoul(digits, nullptr, hex ? 16 : 10);
    const bool valid = code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (!valid) return std::nullopt;
    return std::make_pair(utf8_encode(static_cast<char32_t>(code)), semicolon + 1);
}

}  // namespace

std::string decode_latex(std::string_view latex) {
    return text::squeeze_spaces(LatexDecoder(latex).decode_all());
}

std::string decode_html_entities(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            if (const auto entity = entity_at(text.substr(i))) {
                out += entity->first;
                i += entity->second;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string utf8_encode(char32_t code_point) {
    std::string out;
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return out;
}

}  // namespace mlsys::indexer
