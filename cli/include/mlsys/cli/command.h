// The command boundary: every mlsys command parses its options and runs its body through
// run_main, the one place where an exception becomes a message and an exit code.
//
// Library code throws the domain errors of mlsys/schema/errors.h with full context; the words
// that belong to the command line (an option's name, a hint to run another command) are added
// by the commands themselves.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitUsage = 1,     // bad options or arguments
    kExitBadInput = 2,  // unreadable or invalid input, unknown id
    kExitDatabase = 3,  // missing, locked, unwritable or corrupt index
    kExitInternal = 4,  // anything else: a bug, or the machine ran out of a resource
};

// The exit codes for a --help footer; `ok` and `bad_input` say what 0 and 2 mean for the command.
std::string exit_codes_help(std::string_view ok, std::string_view bad_input);

// A command's options: named, with --version ("mlsys-query 0.1.0"), as every mlsys command is,
// and --completion-options (every option name, a line each, for shell completion).
class CommandApp : public CLI::App {
  public:
    // What to say of an argument that begins with one "-" and names no option, for a command
    // whose words may begin so (a query's "-gpu"); it gets the argument.
    using DashArgumentHint = std::function<std::string(const std::string&)>;

    CommandApp(const std::string& name, const std::string& description);

    void set_dash_argument_hint(DashArgumentHint hint) { dash_argument_hint_ = std::move(hint); }

    // "unknown option --fromat; did you mean --format?" for each of `arguments` (what CLI11
    // could not place), or empty when none of them looks like an option.
    std::string unknown_arguments_message(const std::vector<std::string>& arguments) const;

    // Every option's names ("--format", "-f"), in the order --help lists them.
    std::vector<std::string> option_names() const;

  private:
    std::string unknown_option_message(const std::string& argument) const;

    DashArgumentHint dash_argument_hint_;
};

// What a command says after a failure that left something as it was ("nothing written; the
// index is unchanged"); empty for commands that write nothing.
struct FailureNote {
    std::string after_bad_input;
    std::string after_index_error;
};

// Parses `args` (in CLI11's order: last argument first) into the options of `app`, then runs
// `body`: 0 when it returns. Help and --version print and give 0; every error prints
// "NAME: message" (each line of a multi-line message so prefixed) on standard error and gives
// its ExitCode.
int run_main(CommandApp& app, std::vector<std::string> args, const std::function<void()>& body,
             const FailureNote& note = {});
int run_main(CommandApp& app, int argc, char** argv, const std::function<void()>& body, const FailureNote& note = {});

// Prints "NAME: message" on standard error, as run_main prints an error, for a problem the
// command goes on after (a record skipped with --keep-going, a line not read).
void warn(const std::string& command, const std::string& message);

// --db PATH: the index the command reads or writes, `what` saying which.
CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& what);

// `db` itself, or the default index path when it is empty.
std::string index_path(const std::string& db);

}  // namespace mlsys::cli
