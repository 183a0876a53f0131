#include "mlsys/cli/command.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace mlsys::cli {

namespace {

void print_error(const std::string& command, const std::string& message) {
    for (const std::string& line : text::split(message, '\n')) std::cerr << command << ": " << line << '\n';
}

int fail(const CLI::App& app, ExitCode code, const std::string& message, const std::string& note = "") {
    print_error(app.get_name(), message);
    if (!note.empty()) print_error(app.get_name(), note);
    return code;
}

// Help and --version come through as "errors" of exit code 0.
int parse_error(const CLI::App& app, const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
        app.exit(e);  // prints the help or the version
        return kExitOk;
    }
    return fail(app, kExitUsage, std::string(e.what()) + "\nRun with --help for the options.");
}

}  // namespace

std::string exit_codes_help(std::string_view ok, std::string_view bad_input) {
    return "Exit codes: 0 " + std::string(ok) + "; 1 usage error; 2 " + std::string(bad_input) +
           ";\n3 index missing, locked, unwritable or corrupt; 4 internal error.";
}

CommandApp::CommandApp(const std::string& name, const std::string& description) : CLI::App(description, name) {
    set_version_flag("--version", name + " " + MLSYS_VERSION, "print the version and exit");
}

int run_main(CLI::App& app, std::vector<std::string> args, const std::function<void()>& body, const FailureNote& note) {
    try {
        app.parse(args);
        body();
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        return parse_error(app, e);
    } catch (const UsageError& e) {
        return fail(app, kExitUsage, e.what());
    } catch (const InputError& e) {
        return fail(app, kExitBadInput, e.what(), note.after_bad_input);
    } catch (const IndexError& e) {
        return fail(app, kExitDatabase, e.what(), note.after_index_error);
    } catch (const Xapian::Error& e) {
        return fail(app, kExitDatabase, e.get_description(), note.after_index_error);
    } catch (const std::exception& e) {
        return fail(app, kExitInternal, std::string("internal error: ") + e.what());
    }
}

int run_main(CLI::App& app, int argc, char** argv, const std::function<void()>& body, const FailureNote& note) {
    std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    return run_main(app, std::move(args), body, note);
}

std::string default_index_path() {
    const char* env = std::getenv("MLSYS_DB");
    return env && *env ? env : "index/papers";
}

CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& what) {
    return app.add_option("--db", db, what + " (default: $MLSYS_DB, else index/papers)");
}

std::string index_path(const std::string& db) { return db.empty() ? default_index_path() : db; }

}  // namespace mlsys::cli
