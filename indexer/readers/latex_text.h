// Plain text from the LaTeX that BibTeX field values are written in.
#pragma once

#include <string>
#include <string_view>

namespace mlsys::indexer {

// UTF-8 text from a BibTeX field value: protecting braces dropped; accents and special letters
// decoded ({\'e} and \'{e} → é, J{\"{u}}rgen → Jürgen, \ss → ß, {\L} → Ł, {\'\i} → í);
// escapes (\& \% \$ \_ \{ \}) and ligatures (-- –, --- —, ~ space, `` ''  “ ”) turned into their
// characters; \url{x} kept verbatim; \emph{x}, \textbf{x} and any unknown \command{x} → x; an
// unknown \command alone → its name; math $…$ unwrapped, Google Scholar's $\{$X$\}$ → X;
// white space squeezed.
std::string decode_latex(std::string_view latex);

// ACM's exports put HTML entities in BibTeX fields ("Knowledge Discovery &amp; Data Mining"):
// &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric &#NN; / &#xNN; decoded; others kept.
std::string decode_html_entities(std::string_view text);

// UTF-8 encoding of a code point.
std::string utf8_encode(char32_t code_point);

}  // namespace mlsys::indexer
