#include "mlsys/cli/command.h"
#include "mlsys/cli/paths.h"

#include "mlsys/schema/edit_distance.h"
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

int fail(const CommandApp& app, ExitCode code, const std::string& message, const std::string& note = "") {
    print_error(app.get_name(), message);
    if (!note.empty()) print_error(app.get_name(), note);
    return code;
}

// Help and --version come through as "errors" of exit code 0.
int parse_error(const CommandApp& app, const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
        app.exit(e);  // prints the help or the version
        return kExitOk;
    }
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        const std::string unknown = app.unknown_arguments_message(app.remaining());
        if (!unknown.empty()) message = unknown;
    }
    return fail(app, kExitUsage, message + "\nRun with --help for the options.");
}

bool looks_like_option(const std::string& argument) {
    return argument.size() > 1 && argument[0] == '-';
}

// "--fromat=json" and "-fjson" name the options "--fromat" and "-f".
std::string option_named(const std::string& argument) {
    if (argument.rfind("--", 0) == 0) return argument.substr(0, argument.find('='));
    return argument.substr(0, 2);
}

}  // namespace

std::string exit_codes_help(std::string_view ok, std::string_view bad_input) {
    return "Exit codes: 0 " + std::string(ok) + "; 1 usage error; 2 " + std::string(bad_input) +
           ";\n3 index missing, locked, unwritable or corrupt; 4 internal error.";
}

CommandApp::CommandApp(const std::string& name, const std::string& description) : CLI::App(description, name) {
    set_version_flag("--version", name + " " + MLSYS_VERSION, "print the version and exit");
    // For shell completion (data/completion/mlsys-search.bash), so it never drifts from the
    // options; left out of --help (no group).
    add_flag_callback("--completion-options", [this] {
        for (const std::string& option : option_names()) std::cout << option << '\n';
        throw CLI::Success();
    })->group("");
}

std::vector<std::string> CommandApp::option_names() const {
    std::vector<std::string> names;
    for (const CLI::Option* option : get_options()) {
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

std::string CommandApp::unknown_option_message(const std::string& argument) const {
    const bool one_dash = argument.rfind("--", 0) != 0;
    const std::string name = one_dash ? argument : option_named(argument);
    // "-limit" is --limit with a dash missing. A typo costs an edit or two; more than a third
    // of the name is another word.
    const std::string as_long = one_dash ? "-" + name : name;
    const std::size_t bound = std::min<std::size_t>(2, as_long.size() / 3);
    const std::vector<std::string> near = text::closest(as_long, option_names(), 1, bound);
    const std::string message = "unknown option " + name;
    if (!near.empty()) return message + "; did you mean " + near[0] + "?";
    if (one_dash && dash_argument_hint_) return message + "; " + dash_argument_hint_(argument);
    return message;
}

std::string CommandApp::unknown_arguments_message(const std::vector<std::string>& arguments) const {
    std::vector<std::string> lines;
    for (const std::string& argument : arguments) {
        if (looks_like_option(argument)) lines.push_back(unknown_option_message(argument));
    }
    return text::join(lines, "\n");
}

int run_main(CommandApp& app, std::vector<std::string> args, const std::function<void()>& body,
             const FailureNote& note) {
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

int run_main(CommandApp& app, int argc, char** argv, const std::function<void()>& body, const FailureNote& note) {
    std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    return run_main(app, std::move(args), body, note);
}

void warn(const std::string& command, const std::string& message) {
    print_error(command, message);
}

CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& what) {
    return app.add_option("--db", db, what + " (default: " + default_index_help() + ")");
}

std::string index_path(const std::string& db) {
    return db.empty() ? default_index_path() : db;
}

}  // namespace mlsys::cli
