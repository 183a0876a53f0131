// mlsys-related-bench: how well --related finds the papers a paper cites or is cited by.
//
// The index must hold records with "references" and "citations" (ids of cited and citing
// papers), as the CSV reader reads them from a Semantic Scholar export. Every paper linked by a
// citation, either way, to another paper of the index is a query; the papers it is linked to are
// its relevant papers. Each query is run as --related ID and, as the baseline, as its title typed
// as a plain query (the paper itself taken out of the results). --related runs with
// --related-citation-links outside-index whatever is asked: its citation signal then never reads
// a link between two papers of the index, which are the judgments.
// bench/related indexes ../shared/corpora/mlsys-seed-papers-s2.csv and runs this.
#include "evaluation/evaluation.h"

#include "mlsys/cli/command.h"
#include "mlsys/cli/related_options.h"
#include "mlsys/query/search.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

namespace {

using namespace mlsys;
using namespace mlsys::query;
using namespace mlsys::cli;
using evaluation::Qrels;
using evaluation::Run;

constexpr std::size_t kCutoff = 10;

struct Corpus {
    std::map<std::string, Paper> papers;  // by id
    Qrels linked;                         // paper → papers it cites or is cited by, in the index
};

Corpus read_corpus(const std::string& db_path) {
    const Xapian::Database db = open_index(db_path);
    Corpus corpus;
    for (auto doc = db.postlist_begin(""); doc != db.postlist_end(""); ++doc) {
        Paper paper = paper_from_document(db.get_document(*doc));
        corpus.papers.emplace(paper.id, std::move(paper));
    }
    for (const auto& [id, paper] : corpus.papers) {
        for (const auto* links : {&paper.references, &paper.citations}) {
            for (const std::string& other : *links) {
                if (other == id || corpus.papers.count(other) == 0) continue;
                // A citation links both papers: each is relevant to the other.
                corpus.linked[id][other] = 1;
                corpus.linked[other][id] = 1;
            }
        }
    }
    return corpus;
}

SearchRequest bench_request() {
    SearchRequest request;
    request.facets.clear();
    request.limit = kCutoff;
    return request;
}

std::vector<std::string> result_ids(const SearchResponse& response, const std::string& leave_out) {
    std::vector<std::string> ids;
    for (const Hit& hit : response.hits) {
        if (hit.paper.id != leave_out && ids.size() < kCutoff) ids.push_back(hit.paper.id);
    }
    return ids;
}

// Milliseconds each search took, for medians.
using Latencies = std::vector<double>;

SearchResponse timed_search(Searcher& searcher, const SearchRequest& request, Latencies& latencies) {
    const auto start = std::chrono::steady_clock::now();
    SearchResponse response = searcher.search(request, HitDetail::IdsOnly);
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    return response;
}

double median(Latencies latencies) {
    if (latencies.empty()) return 0;
    const auto middle = latencies.begin() + static_cast<std::ptrdiff_t>(latencies.size() / 2);
    std::nth_element(latencies.begin(), middle, latencies.end());
    return *middle;
}

Run related_run(Searcher& searcher, const Corpus& corpus, const RelatedOptions& options, Latencies& latencies) {
    Run run;
    SearchRequest request = bench_request();
    request.related_options = options;
    request.related_options.citation_links = CitationLinks::OutsideIndex;
    for (const auto& [id, relevant] : corpus.linked) {
        request.match = RelatedSource{id, ""};
        run[id] = result_ids(timed_search(searcher, request, latencies), id);
    }
    return run;
}

// The title typed as a query: what a researcher would try first, and what --related must beat.
Run title_run(Searcher& searcher, const Corpus& corpus, Latencies& latencies) {
    Run run;
    SearchRequest request = bench_request();
    request.limit = kCutoff + 1;  // room for the paper itself, which is taken out
    for (const auto& [id, relevant] : corpus.linked) {
        request.match = QueryText{corpus.papers.at(id).title};
        run[id] = result_ids(timed_search(searcher, request, latencies), id);
    }
    return run;
}

struct Scores {
    double ndcg = 0;
    double recall = 0;
};

Scores score(const Qrels& qrels, const Run& run) {
    Scores mean;
    for (const auto& [qid, judged] : qrels) {
        const auto ranking = run.find(qid);
        if (ranking == run.end()) continue;
        mean.ndcg += evaluation::ndcg_at(ranking->second, judged, kCutoff);
        mean.recall += evaluation::recall_at(ranking->second, judged, kCutoff);
    }
    const double queries = static_cast<double>(std::max<std::size_t>(qrels.size(), 1));
    return {mean.ndcg / queries, mean.recall / queries};
}

void print_row(const std::string& name, const Scores& scores, const Scores& baseline) {
    const double ratio = baseline.ndcg > 0 ? scores.ndcg / baseline.ndcg : 0;
    std::printf("%-52s %9.4f %10.4f %8.2fx\n", name.c_str(), scores.ndcg, scores.recall, ratio);
}

// The measurements behind the defaults (bench/README.md): Omega's recipe, then each signal that was
// kept, added in turn, then each signal that was tried on top of the defaults and left off.
std::vector<std::pair<std::string, RelatedOptions>> variants() {
    std::vector<std::pair<std::string, RelatedOptions>> rows;
    RelatedOptions recipe;  // 40 unstemmed words, OR-ed, nothing else
    recipe.terms = 40;
    recipe.term_kind = ExpansionTerms::Words;
    recipe.eset_weighting = 0;
    recipe.title_weight = 0;
    recipe.phrase_weight = 0;
    recipe.feedback_docs = 0;
    recipe.citation_weight = 0;
    recipe.author_weight = 0;
    rows.emplace_back("rset/eset recipe: 40 words", recipe);
    const auto kept = [&](const std::string& name, auto change) {
        change(recipe);
        rows.emplace_back(name, recipe);
    };
    kept("+ 100 words", [](RelatedOptions& o) { o.terms = 100; });
    kept("+ stems instead of words", [](RelatedOptions& o) { o.term_kind = ExpansionTerms::Stems; });
    kept("+ words weighted by expansion weight", [](RelatedOptions& o) { o.eset_weighting = 1; });
    kept("+ title field boost 0.5", [](RelatedOptions& o) { o.title_weight = 0.5; });
    kept("+ title phrases 1", [](RelatedOptions& o) { o.phrase_weight = 1; });
    kept("+ feedback from 3 results, 0.3", [](RelatedOptions& o) { o.feedback_docs = 3; });
    kept("+ citation links outside the index, 1", [](RelatedOptions& o) { o.citation_weight = 1; });
    kept("+ shared authors 1, citation links 1.5 (= defaults)", [](RelatedOptions& o) {
        o.author_weight = 1;
        o.citation_weight = 1.5;
    });
    const auto tried = [&](const std::string& name, auto change) {
        RelatedOptions options;
        change(options);
        rows.emplace_back(name, options);
    };
    tried("citation links alone (no words)", [](RelatedOptions& o) {
        o.terms = 0;
        o.phrase_weight = 0;
    });
    tried("defaults, citation links 1", [](RelatedOptions& o) { o.citation_weight = 1; });
    tried("defaults, citation links 2", [](RelatedOptions& o) { o.citation_weight = 2; });
    tried("defaults + whole text 0.5", [](RelatedOptions& o) { o.text_weight = 0.5; });
    tried("defaults, no shared authors (words alone)", [](RelatedOptions& o) { o.author_weight = 0; });
    tried("defaults, shared authors 0.5", [](RelatedOptions& o) { o.author_weight = 0.5; });
    tried("defaults + year proximity 0.5", [](RelatedOptions& o) { o.year_weight = 0.5; });
    tried("defaults + same category 1", [](RelatedOptions& o) { o.category_weight = 1; });
    tried("defaults, BM25 k1 0.6 b 0.75", [](RelatedOptions& o) {
        o.bm25_k1 = 0.6;
        o.bm25_b = 0.75;
    });
    tried("defaults, 60 words", [](RelatedOptions& o) { o.terms = 60; });
    tried("defaults, unstemmed words", [](RelatedOptions& o) { o.term_kind = ExpansionTerms::Words; });
    tried("defaults, feedback from 10 results", [](RelatedOptions& o) { o.feedback_docs = 10; });
    return rows;
}

// Per paper: nDCG@10 of the baseline and of --related, the number of linked papers, the title.
void print_per_query(const Corpus& corpus, const Run& baseline, const Run& related) {
    const auto baseline_ndcg = evaluation::ndcg_10_by_query(corpus.linked, baseline);
    const auto related_ndcg = evaluation::ndcg_10_by_query(corpus.linked, related);
    std::printf("\n%-8s %-8s %5s  %s\n", "title", "related", "links", "paper");
    for (const auto& [id, judged] : corpus.linked) {
        std::printf("%8.4f %8.4f %5zu  %s %s\n", baseline_ndcg.at(id), related_ndcg.at(id), judged.size(), id.c_str(),
                    corpus.papers.at(id).title.c_str());
    }
}

struct BenchOptions {
    std::string db;
    bool variants = false;
    bool per_query = false;
    RelatedOptions related;
};

void run(const BenchOptions& options) {
    const Corpus corpus = read_corpus(options.db);
    if (corpus.linked.empty()) {
        throw InputError(options.db +
                         ": no paper cites another paper of the index (no references or citations fields?)");
    }
    Searcher searcher(options.db);
    std::size_t links = 0;
    for (const auto& [id, relevant] : corpus.linked) links += relevant.size();
    std::printf("%zu papers, %zu linked by citations to others in the index (%.1f links each)\n\n",
                corpus.papers.size(), corpus.linked.size(),
                static_cast<double>(links) / static_cast<double>(corpus.linked.size()));
    std::printf("%-52s %9s %10s %9s\n", "run", "nDCG@10", "Recall@10", "vs title");
    Latencies title_latencies;
    const Run title = title_run(searcher, corpus, title_latencies);
    const Scores baseline = score(corpus.linked, title);
    print_row("baseline: title as a plain query", baseline, baseline);
    if (options.variants) {
        for (const auto& [name, variant] : variants()) {
            Latencies ignored;
            print_row(name, score(corpus.linked, related_run(searcher, corpus, variant, ignored)), baseline);
        }
        return;
    }
    Latencies related_latencies;
    const Run related = related_run(searcher, corpus, options.related, related_latencies);
    print_row("--related (citation links outside the index)", score(corpus.linked, related), baseline);
    const double title_ms = median(title_latencies);
    const double related_ms = median(related_latencies);
    std::printf("\nmedian time per query, index open, 10 results: title %.3f ms, --related %.3f ms (%.1fx)\n", title_ms,
                related_ms, title_ms > 0 ? related_ms / title_ms : 0);
    if (options.per_query) print_per_query(corpus, title, related);
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{
        "mlsys-related-bench",
        "nDCG@10 and Recall@10 of mlsys-query --related against citation links, beside the title as a query."};
    BenchOptions options;
    app.add_option("--db", options.db, "an index of papers with references/citations fields")->required();
    app.add_flag("--variants", options.variants,
                 "measure the recipe and each signal tried, not just the options given");
    app.add_flag("--per-query", options.per_query, "list each paper's nDCG@10, baseline and --related");
    add_related_options(app, options.related, "Related work (as mlsys-query takes them)");
    app.footer(exit_codes_help("measured", "bad input"));
    return run_main(app, argc, argv, [&] { run(options); });
}
