// mlsys-perf-corpus: a deterministic synthetic corpus for bench/perf. Titles and abstracts are
// walks of a word-level bigram model of real abstracts (a BEIR corpus such as SciFact, read at
// run time), so term frequencies follow the real text's Zipfian shape; venues, years,
// categories and authors are drawn with skewed (Zipf) weights. Writes papers JSONL
// (docs/papers-jsonl.md) and a query set drawn from the generated papers.
#include "mlsys/cli/command.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace {

using mlsys::Json;

const std::vector<std::string> kVenues = {
    "arXiv",  "NeurIPS", "ICML",   "ICLR",  "OSDI",  "SOSP", "NSDI", "EuroSys", "ATC",     "MLSys",
    "SIGMOD", "VLDB",    "ASPLOS", "ISCA",  "MICRO", "HPCA", "SC",   "PPoPP",   "SoCC",    "KDD",
    "ICDE",   "SIGCOMM", "ACL",    "EMNLP", "FAST",  "ICPP", "TPDS", "CLUSTER", "INFOCOM", "CoRL"};
const std::vector<std::string> kCategories = {"Deep learning/Training",
                                              "Deep learning/Inference",
                                              "Deep learning/Compilers",
                                              "Data systems/Storage",
                                              "Data systems/Query processing",
                                              "Networking/Datacenter",
                                              "Networking/Congestion control",
                                              "Hardware/Accelerators",
                                              "Hardware/Memory",
                                              "Distributed systems/Consensus",
                                              "Distributed systems/Scheduling",
                                              "Security/Privacy",
                                              "Machine learning/Reinforcement learning",
                                              "Machine learning/Language models",
                                              "Machine learning/Vision",
                                              "Operating systems/Kernels",
                                              "Operating systems/Virtualization",
                                              "Theory"};
const std::vector<std::string> kFirstNames = {
    "Wei",     "Jing",  "Li",     "Hao",   "Yu",     "Xin",   "Ming",  "Anna",  "Maria",  "David",
    "Michael", "Sarah", "John",   "James", "Robert", "Laura", "Elena", "Ivan",  "Olga",   "Pierre",
    "Sophie",  "Lukas", "Hannah", "Kenji", "Yuki",   "Arjun", "Priya", "Rahul", "Fatima", "Omar",
    "Carlos",  "Lucia", "Tomas",  "Eva",   "Noah",   "Emma",  "Liam",  "Mia",   "Ali",    "Sara"};
const std::vector<std::string> kSurnames = {
    "Wang",  "Li",      "Zhang",    "Liu",    "Chen",   "Yang",    "Huang",     "Zhao",    "Wu",        "Zhou",
    "Smith", "Johnson", "Williams", "Brown",  "Jones",  "Garcia",  "Miller",    "Davis",   "Rodriguez", "Martinez",
    "Kumar", "Singh",   "Sharma",   "Patel",  "Gupta",  "Tanaka",  "Suzuki",    "Sato",    "Kim",       "Lee",
    "Park",  "Choi",    "Nguyen",   "Tran",   "Muller", "Schmidt", "Schneider", "Fischer", "Weber",     "Meyer",
    "Rossi", "Russo",   "Ferrari",  "Dubois", "Martin", "Bernard", "Ivanov",    "Petrov",  "Silva",     "Santos",
    "Costa", "Novak",   "Kowalski", "Nowak",  "Jensen", "Hansen",  "Larsen",    "Cohen",   "Levi",      "Haddad"};

// Draws 0..n-1 with weight 1/(i+1)^s: a few common values, a long tail.
class Zipf {
  public:
    Zipf(std::size_t n, double s) {
        std::vector<double> weights(n);
        for (std::size_t i = 0; i < n; ++i) weights[i] = 1.0 / std::pow(static_cast<double>(i + 1), s);
        distribution_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }
    std::size_t operator()(std::mt19937_64& random) { return distribution_(random); }

  private:
    std::discrete_distribution<std::size_t> distribution_;
};

// A bigram model of the words of real abstracts: each word lists the words that followed it,
// as often as they did, so a walk reproduces the text's word frequencies.
class WordModel {
  public:
    explicit WordModel(const std::string& beir_corpus) {
        std::ifstream in(beir_corpus);
        if (!in) throw mlsys::InputError("cannot read " + beir_corpus);
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            const Json record = Json::parse(line);
            learn(record.value("title", ""));
            learn(record.value("text", ""));
        }
        if (starts_.empty()) throw mlsys::InputError(beir_corpus + ": no text to learn words from");
    }

    // `words` words from a sentence start; with `whole_sentences`, going on to the next sentence
    // end when one comes within 20 more words.
    std::string walk(std::mt19937_64& random, std::size_t words, bool whole_sentences) const {
        std::string text;
        std::size_t word = pick(starts_, random);
        for (std::size_t count = 0;; ++count) {
            if (!text.empty()) text += ' ';
            text += words_[word];
            const bool sentence_end = words_[word].back() == '.';
            if (count + 1 >= words && (!whole_sentences || sentence_end || count >= words + 20)) break;
            const auto& next = followers_[word];
            word = next.empty() || sentence_end ? pick(starts_, random) : pick(next, random);
        }
        return text;
    }

  private:
    void learn(const std::string& text) {
        std::size_t previous = kNone;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = std::min(text.find(' ', start), text.size());
            if (end > start) {
                const std::size_t word = intern(text.substr(start, end - start));
                if (previous == kNone || words_[previous].back() == '.') {
                    starts_.push_back(word);
                } else {
                    followers_[previous].push_back(word);
                }
                previous = word;
            }
            start = end + 1;
        }
    }

    std::size_t intern(const std::string& word) {
        const auto [it, added] = ids_.emplace(word, words_.size());
        if (added) {
            words_.push_back(word);
            followers_.emplace_back();
        }
        return it->second;
    }

    static std::size_t pick(const std::vector<std::size_t>& from, std::mt19937_64& random) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
    }

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::unordered_map<std::string, std::size_t> ids_;
    std::vector<std::string> words_;
    std::vector<std::vector<std::size_t>> followers_;
    std::vector<std::size_t> starts_;
};

std::string title_of(const std::string& walk) {
    std::string title = walk;
    while (!title.empty() && std::ispunct(static_cast<unsigned char>(title.back()))) title.pop_back();
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    return title;
}

// The plain words of a text: runs of letters and digits, lower case.
std::vector<std::string> plain_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + ' ') {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            if (!word.empty()) words.push_back(word);
            word.clear();
        }
    }
    return words;
}

class Generator {
  public:
    Generator(const WordModel& model, std::size_t papers, std::uint64_t seed)
        : model_(model),
          random_(seed),
          venue_(kVenues.size(), 1.1),
          category_(kCategories.size(), 0.9),
          year_(12, 0.6),
          author_(std::max<std::size_t>(100, papers / 3), 1.0) {}

    Json paper(std::size_t index) {
        Json paper;
        char id[32];
        std::snprintf(id, sizeof id, "p%07zu", index);
        paper["id"] = id;
        paper["title"] = unique_title();
        paper["venue"] = kVenues[venue_(random_)];
        paper["year"] = 2025 - static_cast<int>(year_(random_));  // recent years most often
        paper["category"] = kCategories[category_(random_)];
        Json authors = Json::array();
        const std::size_t count = 1 + std::uniform_int_distribution<std::size_t>(0, 5)(random_);
        for (std::size_t i = 0; i < count; ++i) authors.push_back(author_name(author_(random_)));
        paper["authors"] = authors;
        paper["abstract"] = model_.walk(random_, std::uniform_int_distribution<std::size_t>(100, 240)(random_), true);
        return paper;
    }

    std::mt19937_64& random() { return random_; }

  private:
    // Titles differ once folded, so that the collection never merges two generated papers.
    std::string unique_title() {
        for (;;) {
            std::string title =
                title_of(model_.walk(random_, std::uniform_int_distribution<std::size_t>(6, 12)(random_), false));
            std::string key;
            for (const std::string& word : plain_words(title)) key += word + ' ';
            if (!key.empty() && titles_.insert(key).second) return title;
        }
    }

    static std::string author_name(std::size_t i) {
        const std::string initial(1, static_cast<char>('A' + (i / (kFirstNames.size() * kSurnames.size())) % 26));
        return kFirstNames[i % kFirstNames.size()] + " " + initial + ". " +
               kSurnames[(i / kFirstNames.size()) % kSurnames.size()];
    }

    const WordModel& model_;
    std::mt19937_64 random_;
    Zipf venue_, category_, year_, author_;
    std::unordered_set<std::string> titles_;
};

// The query text of one kind, drawn from an abstract's words: one word or two or three words
// of at least 4 letters (not in a row), a phrase of two such words in a row, a ten-word claim
// (any words in a row); empty when the abstract has none to draw.
std::string query_text(const std::string& kind, const std::vector<std::string>& words, std::size_t variant,
                       std::mt19937_64& random) {
    const auto long_word = [](const std::string& word) { return word.size() >= 4; };
    const auto position = [&](std::size_t count) {
        return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
    };
    if (kind == "word" || kind == "words") {
        std::vector<std::string> content;
        std::copy_if(words.begin(), words.end(), std::back_inserter(content), long_word);
        if (content.empty()) return "";
        std::string text = content[position(content.size())];
        const std::size_t more = kind == "word" ? 0 : 1 + variant % 2;
        for (std::size_t w = 0; w < more; ++w) text += " " + content[position(content.size())];
        return text;
    }
    if (kind == "phrase") {
        std::vector<std::size_t> pairs;  // positions of two long words in a row
        for (std::size_t at = 0; at + 1 < words.size(); ++at) {
            if (long_word(words[at]) && long_word(words[at + 1])) pairs.push_back(at);
        }
        if (pairs.empty()) return "";
        const std::size_t at = pairs[position(pairs.size())];
        return "\"" + words[at] + " " + words[at + 1] + "\"";
    }
    if (words.size() < 10) return "";
    const std::size_t at = position(words.size() - 9);
    std::string text = words[at];
    for (std::size_t w = at + 1; w < at + 10; ++w) text += " " + words[w];
    return text;
}

// `per_kind` queries of each kind drawn from the sample papers, so queries hit what papers say;
// every other query carries a filter (its paper's venue or year) for the faceted runs.
void write_queries(std::ostream& out, const std::vector<Json>& sample, std::size_t per_kind, std::mt19937_64& random) {
    const char* kinds[] = {"word", "words", "phrase", "claim"};
    for (std::size_t i = 0; i < per_kind * 4; ++i) {
        const Json& paper = sample[i % sample.size()];
        const std::string kind = kinds[i % 4];
        const std::string text = query_text(kind, plain_words(paper["abstract"].get<std::string>()), i / 4, random);
        if (text.empty()) continue;
        Json query{{"kind", kind}, {"text", text}};
        if (i / 4 % 2 == 1) {
            if (i / 8 % 2 == 0) {
                query["venue"] = paper["venue"];
            } else {
                query["year"] = paper["year"];
            }
        }
        out << query.dump() << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    mlsys::cli::CommandApp app{"mlsys-perf-corpus",
                               "Write a deterministic synthetic papers JSONL and query set for bench/perf."};
    std::string model_corpus, papers_path, queries_path;
    std::size_t papers = 10000, per_kind = 50;
    std::uint64_t seed = 13;
    app.add_option("--model", model_corpus, "BEIR corpus.jsonl whose abstracts the word model learns")
        ->required()
        ->check(CLI::ExistingFile);
    app.add_option("--papers", papers, "how many papers")->capture_default_str();
    app.add_option("--out", papers_path, "papers JSONL to write")->required();
    app.add_option("--queries", queries_path, "query set to write (JSONL: kind, text, venue or year)")->required();
    app.add_option("--per-kind", per_kind, "queries of each kind")->capture_default_str();
    app.add_option("--seed", seed, "random seed")->capture_default_str();
    app.footer(mlsys::cli::exit_codes_help("corpus written", "unreadable model corpus"));
    return mlsys::cli::run_main(app, argc, argv, [&] {
        const WordModel model(model_corpus);
        Generator generator(model, papers, seed);
        std::ofstream out(papers_path);
        std::vector<Json> sample;
        const std::size_t stride = std::max<std::size_t>(1, papers / (per_kind * 4));
        for (std::size_t i = 0; i < papers; ++i) {
            const Json paper = generator.paper(i);
            out << paper.dump() << '\n';
            if (i % stride == 0) sample.push_back(paper);
        }
        if (!out.flush()) throw mlsys::InputError("cannot write " + papers_path);
        std::ofstream queries(queries_path);
        write_queries(queries, sample, per_kind, generator.random());
    });
}
