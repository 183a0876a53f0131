// Facet counts: exact, over every match, read from the value slots of the schema.
#pragma once

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mlsys::query {

struct FacetValue {
    std::string value;  // a hierarchical field's value is the full path, "Deep learning/Training"
    Xapian::doccount count = 0;
    std::size_t depth = 0;  // levels above the value in its path: 0 for a root and a flat value
};

struct FacetCounts {
    schema::FieldId field;
    std::vector<FacetValue> values;  // in display order
};

// Every paper's stored value of one facet field, held in memory by docid, so counting a match
// costs an array step rather than a value read: ValueCountMatchSpy reads the slot of every
// match, most of a broad faceted query's time at a million papers (bench/README.md, "Facet
// columns"). Docids are one database's own: a spy over several (a stub) sees each shard's.
class FacetColumn {
  public:
    // Reads the field's slot of every paper of `db`, which must be one local database.
    FacetColumn(const Xapian::Database& db, const schema::Field& field);

    // The position in values() of the value `docid` holds; 0 when it holds none.
    std::uint32_t value_index(Xapian::docid docid) const { return docid < by_docid_.size() ? by_docid_[docid] : 0; }
    // The distinct stored values; the first, "", stands for none.
    const std::vector<std::string>& values() const { return values_; }

  private:
    std::vector<std::uint32_t> by_docid_;
    std::vector<std::string> values_;
};

// Counts the values of one facet field over the documents the matcher shows its spy (spy():
// give it to Enquire::add_matchspy). A hierarchical field's slot holds the document's paths and
// all their ancestors, each once, so a path counts every document filed at or below it once,
// even one filed under two of its sub-categories. Counts are exact only when the MSet was asked
// to check every match (checkatleast = database size): Searcher does that.
//
// Without a column the spy is Xapian's own ValueCountMatchSpy over the field's slot, which
// Xapian can serialise: the remote backend (xapian-tcpsrv) counts each remote shard's matches
// and sends the counts back to be merged, so the counts are the same over local and remote
// shards. With a column (of the one local database searched) it counts by docid.
class FacetCounter {
  public:
    FacetCounter(const schema::Field& field, const FacetColumn* column)
        : field_(field), value_spy_(field.slot), column_spy_(column) {}
    explicit FacetCounter(const schema::Field& field) : FacetCounter(field, nullptr) {}

    Xapian::MatchSpy* spy() {
        if (column_spy_.counts_by_column()) return &column_spy_;
        return &value_spy_;
    }
    // Whether the spy reads a value of each match (no column).
    bool reads_values() const { return !column_spy_.counts_by_column(); }
    // How many documents the spy has been shown.
    Xapian::doccount documents_counted() const {
        return reads_values() ? value_spy_.get_total() : column_spy_.documents_counted();
    }
    const schema::Field& field() const { return field_; }

    // Display values (years decoded) in display order: years newest first; a hierarchy as a
    // tree, each path followed by its sub-categories, siblings by count then name; the rest by
    // count then name.
    FacetCounts result() const;

  private:
    class ColumnSpy : public Xapian::MatchSpy {
      public:
        explicit ColumnSpy(const FacetColumn* column)
            : column_(column), counts_(column ? column->values().size() : 0, 0) {}
        bool counts_by_column() const { return column_ != nullptr; }
        Xapian::doccount documents_counted() const { return documents_; }
        void operator()(const Xapian::Document& doc, double) override {
            ++counts_[column_->value_index(doc.get_docid())];
            ++documents_;
        }
        // Each stored value the matches hold, with its count.
        std::map<std::string, Xapian::doccount> stored_value_counts() const;

      private:
        const FacetColumn* column_;
        std::vector<Xapian::doccount> counts_;  // by position in the column's values
        Xapian::doccount documents_ = 0;
    };

    const schema::Field& field_;
    // Each stored value the matches hold (a list field's items packed), with its count.
    std::map<std::string, Xapian::doccount> stored_value_counts() const;
    // Each value, list items split out, with its count, keyed by the stored value.
    std::map<std::string, Xapian::doccount> value_counts() const;

    // Whole slot values as stored: papers share a handful of them (a venue, a packed category
    // list), so splitting and decoding wait for result(), once per distinct value.
    Xapian::ValueCountMatchSpy value_spy_;
    ColumnSpy column_spy_;
};

// The facet columns of one database, each made once counting its field by value reads has cost
// about what making it costs (reading the field's slot whole): a process answering one query
// never makes one, one answering many (a server, a batch) soon has them all. Over a stub of
// several shards, or a remote one, counters read values, as Xapian's remote backend can.
class FacetColumns {
  public:
    // `columns_possible`: `db` is one local database (Searcher knows whether it is remote).
    FacetColumns(const Xapian::Database& db, bool columns_possible) : db_(db), columns_possible_(columns_possible) {}

    // A counter for `field`, by its column when there is one.
    std::unique_ptr<FacetCounter> counter(const schema::Field& field) const;
    // `counters` have counted: the values the reading ones read are noted, and a field's column
    // made once its reads have reached the values its slot holds.
    void counted(const std::vector<FacetCounter*>& counters);

  private:
    Xapian::Database db_;
    const bool columns_possible_;
    std::map<Xapian::valueno, std::uint64_t> values_read_;  // by slot
    std::map<Xapian::valueno, FacetColumn> columns_;        // by slot
};

}  // namespace mlsys::query
