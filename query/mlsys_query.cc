// mlsys-query: searches an index built by mlsys-index, with ranking, filters and facets.
#include "mlsys/cli/command.h"
#include "mlsys/cli/ranking_options.h"
#include "mlsys/cli/related_options.h"
#include "mlsys/query/batch.h"
#include "mlsys/query/index_stats.h"
#include "mlsys/query/query_analysis.h"
#include "mlsys/query/request_options.h"
#include "mlsys/query/result_writer.h"
#include "mlsys/query/search.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/limits.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string_view>

namespace {

using namespace mlsys;
using namespace mlsys::query;
using namespace mlsys::cli;
using schema::FieldId;

struct Options {
    std::string db;
    std::vector<std::string> words;
    RequestOptions request;  // filters, facets, sort, paging, ranking and related-work options
    std::string format = "text";
    std::string batch;
    std::string related;  // --related ID
    std::string like;     // --like TEXT or @FILE
    bool explain = false;
    bool analyze = false;  // --analyze: show how QUERY is prepared and parsed, search nothing
    std::string show;      // --show ID: the paper's whole record, no search
    std::string color = "auto";
    std::string facet_values = "10";  // --facet-values: "all" or a count
    std::string list_values;          // --list-values FACET: print the facet's values, search nothing
    bool stats = false;               // --stats: describe the index, search nothing
};

// `left`, then `right` from `column` on; `right` goes on a line of its own when `left` reaches
// the column (a long command or field help).
std::string in_two_columns(std::string left, const std::string& right, std::size_t column) {
    std::string lines;
    if (left.size() >= column) {
        lines = left + "\n";
        left.clear();
    }
    left.resize(column, ' ');
    return lines + left + right + "\n";
}

// One command line of the examples --help teaches the query language with, and what it shows.
struct HelpExample {
    std::string_view command;
    std::string_view shows;
};

// On the bundled list, each finds papers (cli_query_test runs every one of them).
constexpr HelpExample kHelpExamples[] = {
    {"mlsys-query parameter server", "papers with both words first (see --match)"},
    {"mlsys-query '\"parameter server\"'", "a phrase"},
    {"mlsys-query 'title:serving author:stoica'", "words in one field"},
    {"mlsys-query 'gpu year:2017..2018'", "a range of years"},
    {"mlsys-query 'gpu AND (training OR inference) NOT distributed'", "operators and negation"},
    {"mlsys-query 'sched*'", "every word that begins so"},
    {"mlsys-query -- -gpu -distributed", "every paper without these words"},
    {"mlsys-query --venue osdi --venue nsdi gpu", "filters: the venue facet still counts the others"},
    {"mlsys-query 'venue:osdi gpu'", "a prefix in the query: the facets count OSDI only"},
    {"mlsys-query --year 2018 --facets venue,category --facet-values all", "every value of two facets"},
    {"mlsys-query --related osdi18-ray --explain", "the papers most related to one, and why"},
    {"mlsys-query --like @draft.txt", "the papers most related to a draft (title, abstract)"},
    {"mlsys-query --format tsv --sort -year gpu", "formats: text, json, tsv, ids, bibtex, trec"},
};

// "Examples:", a command a line with what it shows beside it (below it when the command is long).
std::string examples_help() {
    constexpr std::size_t kShowsColumn = 48;
    std::string help = "\nExamples:\n";  // blank line first: help2man makes it a section
    for (const HelpExample& example : kHelpExamples) {
        help += in_two_columns("  " + std::string(example.command), std::string(example.shows), kShowsColumn);
    }
    return help + "\n";
}

// The query syntax and exit codes, from the schema table.
std::string help_footer() {
    std::string footer =
        "Query syntax (Xapian's): words, \"phrases\", AND OR NOT, +must -mustnot, wild*, NEAR,\n"
        "and these fields:\n";
    std::size_t longest_name = 0;
    for (const schema::Field& field : schema::kFields) longest_name = std::max(longest_name, field.name.size());
    const std::size_t help_column = longest_name + 5;  // "  name: "
    for (const schema::Field& field : schema::kFields) {
        if (!schema::is_query_field(field)) continue;
        std::string row = "  " + std::string(field.name) + ":";
        row.resize(help_column, ' ');
        row += std::string(field.help);
        footer += in_two_columns(row, "e.g. " + std::string(field.example), help_column + 45);
    }
    footer +=
        "id:, references: and citations: take an id or its start: id:osdi18-g finds every paper whose id\n"
        "begins so (a whole id finds its paper alone).\n"
        "A query of excluded words alone lists every paper without them; one that begins with - goes\n"
        "after --: mlsys-query -- -gpu -tpu (every paper without gpu or tpu).\n"
        "Filters: the same filter repeated is OR, different filters AND. Facet counts are exact, and a\n"
        "facet's own filter is left out of its counts so its alternatives stay visible.\n" +
        examples_help() + exit_codes_help("results or none", "bad input or unknown id");
    return footer;
}

void add_options(CLI::App& app, Options& options) {
    app.add_option("QUERY", options.words, "query words; none lists every paper that passes the filters");
    add_db_option(app, options.db, "index to search");
    app.add_option("--venue", options.request.filters[FieldId::Venue],
                   "only this venue (any case or alias); repeatable")
        ->allow_extra_args(false);
    app.add_option("--year", options.request.filters[FieldId::Year],
                   "only this year or range: 2018, 2017..2018; repeatable")
        ->allow_extra_args(false);
    app.add_option("--category", options.request.filters[FieldId::Category],
                   "only papers filed under a category of this name at any level, any case, or below it; "
                   "a/b names a run of levels: \"deep learning/training\"; repeatable")
        ->allow_extra_args(false);
    app.add_option("--author", options.request.filters[FieldId::Author], "only papers by this author; repeatable")
        ->allow_extra_args(false);
    app.add_option("--facets", options.request.facets, "facets to count, comma-separated")->capture_default_str();
    app.add_flag("--no-facets", options.request.no_facets, "count no facets");
    app.add_option("--sort", options.request.sort, "relevance, year (oldest first) or -year (newest first)")
        ->check(CLI::IsMember(sort_orders()))
        ->capture_default_str();
    app.add_option("--match", options.request.match,
                   "for 2-4 words without operators: all (papers holding every word), any (any word, ranked), "
                   "auto (all, then any when fewer than 10 hold every word)")
        ->check(CLI::IsMember(word_matchings()))
        ->capture_default_str();
    app.add_option("-n,--limit", options.request.limit, "results to show")->capture_default_str();
    app.add_option("--offset", options.request.offset, "results to skip")->capture_default_str();
    std::map<std::string, OutputFormat> formats;
    for (const auto& [name, format] : output_format_names()) formats.emplace(name, format);
    app.add_option("-f,--format", options.format, "output format")
        ->check(CLI::IsMember(formats))
        ->capture_default_str();
    app.add_option("--batch", options.batch,
                   "run every query of FILE (TSV qid<TAB>query, or BEIR queries.jsonl) with the index opened once")
        ->check(CLI::ExistingFile);
    app.add_option("--related", options.related,
                   "rank the papers most related to paper ID (never ID itself); ID may be the start of an id, "
                   "as long as it begins no other (osdi18-gand)")
        ->option_text("ID");
    app.add_option("--like", options.like,
                   "rank the papers most related to a draft: its title, a newline, its abstract; @FILE reads it "
                   "from FILE, @- from standard input");
    app.add_flag("--explain", options.request.explain, "with --related or --like: show what made each result related");
    app.add_option("--show", options.show,
                   "show paper ID whole, every field of its record (text, json, bibtex, ids or tsv); ID may be "
                   "an alias or the start of an id")
        ->option_text("ID");
    app.add_option("--color", options.color,
                   "colour text output: auto (on a terminal, unless NO_COLOR is set), "
                   "always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--facet-values", options.facet_values,
                   "text: the values each facet line shows (children per category), or all")
        ->capture_default_str();
    app.add_flag("--analyze", options.analyze,
                 "show how QUERY becomes a Xapian query, stage by stage (text or json), and search nothing");
    app.add_option("--list-values", options.list_values,
                   "print every value of a facet (venue, year, category) in the index, one a line, and search "
                   "nothing (for shell completion)")
        ->option_text("FACET");
    app.add_flag("--stats", options.stats,
                 "describe the index and search nothing: papers, terms, size, each facet's values with the most "
                 "papers (--facet-values of them), last update, source files (text or json)");
    add_related_options(app, options.request.related_options,
                        "Related work (--related, --like); defaults chosen by bench/related");
    add_ranking_options(app, options.request.ranking, "Ranking");
    app.footer(help_footer());
}

// At most one byte more than a draft may hold: the search refuses a longer one, and a huge
// file or an endless pipe is never read whole (docs/limits.md).
std::string bounded_draft(std::istream& in) {
    std::string draft(limits::kMaxTextBytes + 1, '\0');
    in.read(draft.data(), static_cast<std::streamsize>(draft.size()));
    draft.resize(static_cast<std::size_t>(in.gcount()));
    return draft;
}

// --like @FILE reads the draft from FILE (@- from standard input); other text is the draft.
std::string draft_text(const std::string& like) {
    if (like.empty() || like[0] != '@') return like;
    const std::string file_name = like.substr(1);
    if (file_name == "-") return bounded_draft(std::cin);
    std::error_code error;
    std::ifstream in(file_name, std::ios::binary);
    if (!std::filesystem::is_regular_file(file_name, error) || !in)
        throw InputError("--like: cannot read " + file_name);
    return bounded_draft(in);
}

// What to match: the query words, or --related/--like in their place. The alternatives are
// checked here, before the index is opened, so a usage error is reported as one.
Match match_from(const Options& options) {
    const bool related = !options.related.empty();
    const bool like = !options.like.empty();
    if (related && like) throw UsageError("--related and --like are alternatives: give one");
    if (options.request.explain && !related && !like)
        throw UsageError("--explain explains --related and --like results");
    const bool has_words = !options.words.empty();
    if (!options.batch.empty() && has_words)
        throw UsageError("--batch takes its queries from the file: leave out QUERY");
    if (options.analyze && (related || like || !options.batch.empty() || !has_words)) {
        throw UsageError("--analyze shows how QUERY is read: give QUERY, and no --related, --like or --batch");
    }
    if (!related && !like) return QueryText{text::join(options.words, " ")};
    if (has_words) throw UsageError("--related and --like rank by their source: leave out QUERY");
    if (!options.batch.empty()) throw UsageError("--related and --like take no --batch: run one source at a time");
    return related ? RelatedSource{options.related, ""} : RelatedSource{"", draft_text(options.like)};
}

OutputFormat format_named(const std::string& name) {
    for (const auto& [known, format] : output_format_names()) {
        if (known == name) return format;
    }
    throw UsageError("unknown --format " + name);
}

// --show names its paper alone: a search's options have nothing to do.
// QUERY, --related, --like, --batch or --analyze: what only a search (or its analysis) takes.
bool search_options_given(const Options& options) {
    return !options.words.empty() || !options.related.empty() || !options.like.empty() || !options.batch.empty() ||
           options.analyze;
}

void check_show(const Options& options) {
    if (options.show.empty()) return;
    if (search_options_given(options)) {
        throw UsageError("--show shows one paper: leave out QUERY, --related, --like, --batch and --analyze");
    }
}

WriterOptions writer_options(const Options& options) {
    WriterOptions writer;
    writer.notes = &std::cerr;
    writer.notes_prefix = "mlsys-query: ";
    writer.color = options.color == "always" ||
                   (options.color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
    if (options.facet_values == "all") {
        writer.facet_values = 0;
        return writer;
    }
    const bool digits =
        !options.facet_values.empty() && options.facet_values.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || options.facet_values.size() > 6 || std::stoul(options.facet_values) == 0) {
        throw UsageError("--facet-values takes a count (1 or more) or all, not \"" + options.facet_values + "\"");
    }
    writer.facet_values = std::stoul(options.facet_values);
    return writer;
}

// The search, with a related-work source's errors named by the option that gave it.
SearchResponse search(Searcher& searcher, const SearchRequest& request, const Options& options, HitDetail detail) {
    if (!std::holds_alternative<RelatedSource>(request.match)) return searcher.search(request, detail);
    check_bounds(request);  // its messages name their options
    const std::string option = options.related.empty() ? "--like: " : "--related: ";
    try {
        return searcher.search(request, detail);
    } catch (const UsageError& e) {
        throw UsageError(option + e.what());
    } catch (const InputError& e) {
        throw InputError(option + e.what());
    }
}

// The paper --show names, with an unknown id's error named by the option.
Paper shown_paper(const Searcher& searcher, const std::string& id) {
    try {
        return searcher.paper(id);
    } catch (const UsageError& e) {
        throw UsageError(std::string("--show: ") + e.what());
    } catch (const InputError& e) {
        throw InputError(std::string("--show: ") + e.what());
    }
}

// --stats describes the whole index: a search's options have nothing to do.
void check_stats(const Options& options) {
    if (search_options_given(options) || !options.list_values.empty() || !options.show.empty()) {
        throw UsageError(
            "--stats describes the whole index: leave out QUERY, --related, --like, --batch, --analyze, "
            "--list-values and --show");
    }
}

// --list-values FACET: the facet's values over the whole index, most papers first.
void list_values(Searcher& searcher, const std::string& name) {
    const schema::Field* field = schema::find_field(name);
    if (!field || !field->facet) throw UsageError("--list-values: \"" + name + "\" is not a facet");
    for (const std::string& value : searcher.facet_values(field->id)) std::cout << value << '\n';
}

void run(const Options& options) {
    check_show(options);
    if (options.stats) check_stats(options);
    SearchRequest request = request_from(options.request, match_from(options));
    const auto writer = make_writer(format_named(options.format), std::cout, writer_options(options));
    Searcher searcher(index_path(options.db));
    if (!options.show.empty()) {
        writer->write_paper(shown_paper(searcher, options.show));
        return;
    }
    if (!options.list_values.empty()) return list_values(searcher, options.list_values);
    if (options.stats) {
        const std::size_t top = writer_options(options).facet_values;
        return write_stats(std::cout, index_stats(searcher, index_path(options.db), top), format_named(options.format));
    }
    if (options.analyze) {
        write_analysis(std::cout, searcher.analyze(std::get<QueryText>(request.match).text),
                       format_named(options.format));
        return;
    }
    const std::vector<BatchQuery> batch =
        options.batch.empty() ? std::vector<BatchQuery>{{"", ""}} : read_batch_queries(options.batch);
    for (const BatchQuery& query : batch) {
        if (!options.batch.empty()) request.match = QueryText{query.text};
        writer->write(search(searcher, request, options, writer->detail()), query.qid);
    }
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
    CommandApp app{"mlsys-query", "Search a paper index built by mlsys-index: ranked results with exact facet counts."};
    Options options;
    add_options(app, options);
    app.set_dash_argument_hint([](const std::string& argument) {
        return "to search for papers without " + argument.substr(1) + ", write: mlsys-query -- " + argument;
    });
    return run_main(app, arguments(argc, argv), [&] { run(options); });
}
