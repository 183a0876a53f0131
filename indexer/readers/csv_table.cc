#include "readers/csv_table.h"

#include <csv.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace mlsys::indexer {

namespace {

// Owns a libcsv parser: csv_init on construction, csv_free on destruction.
class LibcsvParser {
  public:
    explicit LibcsvParser(unsigned char options) {
        if (csv_init(&parser_, options) != 0) throw std::runtime_error("libcsv: cannot initialise a parser");
    }
    ~LibcsvParser() { csv_free(&parser_); }
    LibcsvParser(const LibcsvParser&) = delete;
    LibcsvParser& operator=(const LibcsvParser&) = delete;

    csv_parser* get() { return &parser_; }

  private:
    csv_parser parser_{};
};

// Receives libcsv's callbacks. They run inside C code, so nothing may be thrown through them:
// an exception is kept and rethrown once libcsv has returned.
class RowCollector {
  public:
    void set_line(std::size_t line) { line_ = line; }

    static void on_field(void* data, std::size_t size, void* self) noexcept {
        static_cast<RowCollector*>(self)->guarded(
            [&](RowCollector& c) { c.add_field(static_cast<const char*>(data), size); });
    }

    static void on_row_end(int /*terminator*/, void* self) noexcept {
        static_cast<RowCollector*>(self)->guarded([](RowCollector& c) { c.end_row(); });
    }

    void rethrow_if_failed() const {
        if (failure_) std::rethrow_exception(failure_);
    }

    std::vector<CsvRow> take_rows() { return std::move(rows_); }

  private:
    template <typename Action>
    void guarded(Action action) noexcept {
        if (failure_) return;
        try {
            action(*this);
        } catch (...) {
            failure_ = std::current_exception();
        }
    }

    void add_field(const char* data, std::size_t size) {
        std::string field = data ? std::string(data, size) : std::string();
        // libcsv reports a field once its delimiter is read, on the line the field ends: the
        // row starts as many lines earlier as its first field has line breaks.
        if (row_.fields.empty()) {
            row_.line = line_ - static_cast<std::size_t>(std::count(field.begin(), field.end(), '\n'));
        }
        row_.fields.push_back(std::move(field));
    }

    void end_row() {
        rows_.push_back(std::move(row_));
        row_ = CsvRow{};
    }

    std::vector<CsvRow> rows_;
    CsvRow row_;
    std::size_t line_ = 0;
    std::exception_ptr failure_;
};

}  // namespace

CsvTable read_csv_table(std::istream& in, const std::string& file_name) {
    LibcsvParser parser(CSV_STRICT | CSV_STRICT_FINI);
    RowCollector collector;
    CsvTable table;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        collector.set_line(++line_number);
        line += '\n';
        const std::size_t parsed = csv_parse(parser.get(), line.data(), line.size(), RowCollector::on_field,
                                             RowCollector::on_row_end, &collector);
        collector.rethrow_if_failed();
        if (parsed != line.size()) {
            table.error = Problem{{file_name, line_number},
                                  "",
                                  std::string("malformed CSV (") + csv_strerror(csv_error(parser.get())) +
                                      "); the rest of the file is not read"};
            break;
        }
    }
    if (!table.error && csv_fini(parser.get(), RowCollector::on_field, RowCollector::on_row_end, &collector) != 0) {
        table.error = Problem{{file_name, line_number}, "", "malformed CSV: the file ends inside a quoted field"};
    }
    collector.rethrow_if_failed();
    table.rows = collector.take_rows();
    return table;
}

}  // namespace mlsys::indexer
