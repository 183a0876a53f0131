// mlsys-query: searches an index built by mlsys-index, with ranking, filters and facets.
#include "mlsys/query/batch.h"
#include "mlsys/query/query_analysis.h"
#include "mlsys/query/result_writer.h"
#include "mlsys/cli/related_options.h"
#include "mlsys/query/search.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <unistd.h>

namespace {

using namespace mlsys;
using namespace mlsys::query;
using schema::FieldId;

struct Options {
    std::string db;
    std::vector<std::string> words;
    std::map<FieldId, std::vector<std::string>> filters;
    std::string facets = "venue,year,category";
    bool no_facets = false;
    std::string sort = "relevance";
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    std::string format = "text";
    std::string batch;
    std::string related;  // --related ID
    std::string like;     // --like TEXT or @FILE
    bool explain = false;
    bool analyze = false;  // --analyze: show how QUERY is prepared and parsed, search nothing
    RelatedOptions related_options;
    RankingOptions ranking;
    std::vector<double> term_model;  // copied into `ranking` once its size is checked
};

std::vector<std::string> term_model_strings(const TermModel& model) {
    std::vector<std::string> values;
    for (const double value : model) {
        std::ostringstream shown;
        shown << value;
        values.push_back(shown.str());
    }
    return values;
}

const std::map<std::string, SortOrder>& sort_orders() {
    static const std::map<std::string, SortOrder> kOrders{
        {"relevance", SortOrder::Relevance}, {"year", SortOrder::YearAscending}, {"-year", SortOrder::YearDescending}};
    return kOrders;
}

// The query syntax and exit codes, from the schema table.
std::string help_footer() {
    std::string footer = "Query syntax (Xapian's): words, \"phrases\", AND OR NOT, +must -mustnot, wild*, NEAR,\n"
                         "and these fields:\n";
    std::size_t longest_name = 0;
    for (const schema::Field& field : schema::kFields) longest_name = std::max(longest_name, field.name.size());
    const std::size_t help_column = longest_name + 5;  // "  name: "
    for (const schema::Field& field : schema::kFields) {
        std::string row = "  " + std::string(field.name) + ":";
        row.resize(help_column, ' ');
        row += std::string(field.help);
        row.resize(help_column + 45, ' ');
        footer += row + "e.g. " + std::string(field.example) + "\n";
    }
    footer +=
        "Filters: the same filter repeated is OR, different filters AND. Facet counts are exact, and a\n"
        "facet's own filter is left out of its counts so its alternatives stay visible.\n"
        "Exit codes: 0 results or none; 1 usage error; 2 bad input; 3 index missing or unreadable.";
    return footer;
}

void add_options(CLI::App& app, Options& options) {
    app.add_option("QUERY", options.words, "query words; none lists every paper that passes the filters");
    app.add_option("--db", options.db, "index to search (default: $MLSYS_DB, else index/papers)");
    app.add_option("--venue", options.filters[FieldId::Venue], "only this venue (any case or alias); repeatable")
        ->allow_extra_args(false);
    app.add_option("--year", options.filters[FieldId::Year], "only this year or range: 2018, 2017..2018; repeatable")
        ->allow_extra_args(false);
    app.add_option("--category", options.filters[FieldId::Category],
                   "only this category or its sub-categories: \"Deep learning\"; repeatable")
        ->allow_extra_args(false);
    app.add_option("--author", options.filters[FieldId::Author], "only papers by this author; repeatable")
        ->allow_extra_args(false);
    app.add_option("--facets", options.facets, "facets to count, comma-separated")->capture_default_str();
    app.add_flag("--no-facets", options.no_facets, "count no facets");
    app.add_option("--sort", options.sort, "relevance, year (oldest first) or -year (newest first)")
        ->check(CLI::IsMember(sort_orders()))
        ->capture_default_str();
    app.add_option("--limit", options.limit, "results to show")->capture_default_str();
    app.add_option("--offset", options.offset, "results to skip")->capture_default_str();
    std::map<std::string, OutputFormat> formats;
    for (const auto& [name, format] : output_format_names()) formats.emplace(name, format);
    app.add_option("--format", options.format, "output format")->check(CLI::IsMember(formats))->capture_default_str();
    app.add_option("--batch", options.batch,
                   "run every query of FILE (TSV qid<TAB>query, or BEIR queries.jsonl) with the index opened once")
        ->check(CLI::ExistingFile);
    app.add_option("--related", options.related, "rank the papers most related to paper ID (never ID itself)");
    app.add_option("--like", options.like,
                   "rank the papers most related to a draft: its title, a newline, its abstract; @FILE reads it "
                   "from FILE, @- from standard input");
    app.add_flag("--explain", options.explain, "with --related or --like: show what made each result related");
    app.add_flag("--analyze", options.analyze,
                 "show how QUERY becomes a Xapian query, stage by stage (text or json), and search nothing");
    add_related_options(app, options.related_options, "Related work (--related, --like); defaults chosen by bench/related");
    const std::string ranking = "Ranking";
    RankingOptions& r = options.ranking;
    app.add_option("--bm25-k1", r.bm25_k1, "BM25 term-frequency saturation")->group(ranking)->capture_default_str();
    app.add_option("--bm25-b", r.bm25_b, "BM25 length normalisation")->group(ranking)->capture_default_str();
    app.add_option("--term-model", options.term_model,
                   "weights of the word features (rarity, has-digit, title-share, burstiness, top-results-share, "
                   "query-position); all 0 is plain BM25")
        ->group(ranking)
        ->delimiter(',')
        ->default_str(text::join(term_model_strings(r.term_model), ","));
    app.footer(help_footer());
}

std::vector<FieldId> facet_fields(const Options& options) {
    std::vector<FieldId> facets;
    if (options.no_facets) return facets;
    for (const std::string& name : text::split(options.facets, ',')) {
        const std::string trimmed = text::squeeze_spaces(name);
        if (trimmed.empty()) continue;
        const schema::Field* field = schema::find_field(trimmed);
        if (!field || !field->facet) throw UsageError("--facets: \"" + trimmed + "\" is not a facet");
        facets.push_back(field->id);
    }
    return facets;
}

SearchRequest request_from(const Options& options) {
    SearchRequest request;
    request.text = text::join(options.words, " ");
    for (const auto& [field, values] : options.filters) {
        if (!values.empty()) request.filters[field] = values;
    }
    request.facets = facet_fields(options);
    request.sort = sort_orders().at(options.sort);
    request.limit = options.limit;
    request.offset = options.offset;
    request.ranking = options.ranking;
    if (!options.term_model.empty()) {
        if (options.term_model.size() != kTermFeatureCount) {
            throw UsageError("--term-model takes " + std::to_string(kTermFeatureCount) + " comma-separated numbers");
        }
        std::copy(options.term_model.begin(), options.term_model.end(), request.ranking.term_model.begin());
    }
    return request;
}

OutputFormat format_named(const std::string& name) {
    for (const auto& [known, format] : output_format_names()) {
        if (known == name) return format;
    }
    throw UsageError("unknown --format " + name);
}

// --like @FILE reads the draft from FILE (@- from standard input); other text is the draft.
std::string draft_text(const std::string& like) {
    if (like.empty() || like[0] != '@') return like;
    const std::string file_name = like.substr(1);
    if (file_name == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
    std::ifstream in(file_name, std::ios::binary);
    if (!in) throw InputError("--like: cannot read " + file_name);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// --related and --like take the place of query words; they are checked here, before the index
// is opened, so a usage error is reported as one.
void set_related_source(const Options& options, SearchRequest& request) {
    const bool related = !options.related.empty();
    const bool like = !options.like.empty();
    if (related && like) throw UsageError("--related and --like are alternatives: give one");
    if (options.explain && !related && !like) throw UsageError("--explain explains --related and --like results");
    if (!related && !like) return;
    if (!request.text.empty()) throw UsageError("--related and --like rank by their source: leave out QUERY");
    if (!options.batch.empty()) throw UsageError("--related and --like take no --batch: run one source at a time");
    request.related = related ? RelatedSource{options.related, ""} : RelatedSource{"", draft_text(options.like)};
    request.related_options = options.related_options;
    request.explain = options.explain;
}

int run(const Options& options) {
    SearchRequest request = request_from(options);
    if (options.analyze) {
        const Xapian::Database db = open_index(options.db.empty() ? schema::default_index_path() : options.db);
        write_analysis(std::cout, analyze_query(db, request.text), format_named(options.format));
        return kExitOk;
    }
    if (!options.batch.empty() && !request.text.empty()) {
        throw UsageError("--batch takes its queries from the file: leave out QUERY");
    }
    set_related_source(options, request);
    const std::vector<BatchQuery> batch =
        options.batch.empty() ? std::vector<BatchQuery>{{"", request.text}} : read_batch_queries(options.batch);
    Searcher searcher(options.db.empty() ? schema::default_index_path() : options.db);
    WriterOptions writer_options;
    writer_options.highlight = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
    const auto writer = make_writer(format_named(options.format), std::cout, writer_options);
    request.full_hits = writer->needs_full_hits();
    for (const BatchQuery& query : batch) {
        request.text = query.text;
        SearchResponse response = searcher.search(request);
        response.qid = query.qid;
        writer->write(response);
    }
    return kExitOk;
}

// "--sort -year" would read "-year" as an option: join it to its flag first.
std::vector<std::string> arguments(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--sort" && i + 1 < argc && argv[i + 1][0] == '-') {
            args.push_back(arg + "=" + argv[++i]);
        } else {
            args.push_back(arg);
        }
    }
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search a paper index built by mlsys-index: ranked results with exact facet counts."};
    app.name("mlsys-query");
    Options options;
    add_options(app, options);
    try {
        std::vector<std::string> args = arguments(argc, argv);
        app.parse(args);
        return run(options);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    } catch (const UsageError& e) {
        std::cerr << "mlsys-query: " << e.what() << '\n';
        return kExitUsage;
    } catch (const InputError& e) {
        std::cerr << "mlsys-query: " << e.what() << '\n';
        return kExitBadInput;
    } catch (const IndexError& e) {
        std::cerr << "mlsys-query: " << e.what() << '\n';
        return kExitDatabase;
    } catch (const Xapian::Error& e) {
        std::cerr << "mlsys-query: " << e.get_description() << '\n';
        return kExitDatabase;
    }
}
