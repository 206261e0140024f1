#pragma once
// Result output for diffusion-cli: a column table written as CSV or JSON to stdout or to
// --out FILE. A file is written through core's AtomicFileWriter (a temporary sibling renamed
// into place only when the whole result is written), so a failed or interrupted run never
// leaves a half-written file.

#include "core/runtime/atomicfile.h"

#include <nlohmann/json.hpp>

#include <ATen/core/Tensor.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace dscli {

// How a column's numbers are printed.
enum class ColumnKind {
  Integer,  // indices and timesteps
  Double,   // quantities computed in double: 17 significant digits
  Float,    // float32 tensor data: 9 significant digits (exact round trip for float)
};

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::Double;
  std::vector<double> values;
  // Whether NaN means "no value" here (an empty CSV field, JSON null). Otherwise a NaN or an inf
  // is a computation that went wrong, and writeTable refuses to write the table.
  bool mayBeEmpty = false;
};

class Table {
 public:
  Column& addColumn(std::string name, ColumnKind kind, std::size_t reserve = 0);
  // References returned by addColumn stay valid as more columns are added.
  const std::deque<Column>& columns() const { return m_columns; }
  std::size_t rows() const { return m_columns.empty() ? 0 : m_columns.front().values.size(); }

 private:
  std::deque<Column> m_columns;
};

// Coordinate column names for data of dimension D: x | x,y | x1..xD.
std::vector<std::string> coordinateNames(int dim);
// Appends rows of a float [N, D] tensor (any device) to the given coordinate columns.
void appendCoordinates(std::vector<Column*>& columns, const at::Tensor& points);

// --out FILE (default: standard output).
CLI::Option* addOutOption(CLI::App* cmd, std::string& path);

class Output {
 public:
  // Empty path or "-" = standard output. Throws UsageError("--out", ...) if the file cannot be created.
  explicit Output(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(const char* data, std::size_t size);
  void write(const std::string& text) { write(text.data(), text.size()); }
  // Flushes and moves the file into place; throws std::runtime_error on an I/O error.
  void commit();

 private:
  std::string m_path;                              // final path ("" for stdout)
  std::unique_ptr<ds::AtomicFileWriter> m_atomic;  // a regular file
  std::FILE* m_file = nullptr;                     // stdout, or a device/pipe written in place
};

// Writes the table as CSV (header + rows) or JSON (meta's fields, then "columns" and "rows",
// one object per row). Throws std::runtime_error, before writing anything, when a value is
// inf, or NaN in a column that may not be empty: a wrong number is never written.
void writeTable(Output& out, const Table& table, const std::string& format,
                const nlohmann::json& meta = nlohmann::json::object());

// Formats one number as the column kind asks (NaN -> empty).
std::string formatNumber(double value, ColumnKind kind);

}  // namespace dscli
