#include "app/cli/output.h"

#include "app/cli/cli_common.h"

#include <ATen/ATen.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>

namespace dscli {

Column& Table::addColumn(std::string name, ColumnKind kind, std::size_t reserve) {
  Column column;
  column.name = std::move(name);
  column.kind = kind;
  column.values.reserve(reserve);
  m_columns.push_back(std::move(column));
  return m_columns.back();
}

std::vector<std::string> coordinateNames(int dim) {
  if (dim == 1) return {"x"};
  if (dim == 2) return {"x", "y"};
  std::vector<std::string> names;
  for (int d = 1; d <= dim; ++d) names.push_back("x" + std::to_string(d));
  return names;
}

void appendCoordinates(std::vector<Column*>& columns, const at::Tensor& points) {
  at::Tensor p = points.detach().to(at::kCPU, at::kDouble).contiguous();
  if (p.dim() == 1) p = p.unsqueeze(1);
  p = p.reshape({p.size(0), -1});
  const auto n = p.size(0);
  const auto d = p.size(1);
  if (d != static_cast<std::int64_t>(columns.size())) {
    throw std::logic_error("appendCoordinates: dimension mismatch");
  }
  const double* data = p.data_ptr<double>();
  for (std::int64_t j = 0; j < d; ++j) {
    auto& values = columns[j]->values;
    values.reserve(values.size() + n);
    for (std::int64_t i = 0; i < n; ++i) values.push_back(data[i * d + j]);
  }
}

CLI::Option* addOutOption(CLI::App* cmd, std::string& path) {
  return cmd->add_option("--out,-o", path, "Write the result to FILE instead of standard output")->type_name("FILE");
}

Output::Output(const std::string& path) {
  if (path.empty() || path == "-") {
    m_file = stdout;
    return;
  }
  m_path = path;
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) throw UsageError("--out", path + ": is a folder, not a file");
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/null, a FIFO): write in place, never rename over it.
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file) throw UsageError("--out", "cannot open '" + path + "': " + std::strerror(errno));
    return;
  }
  try {
    m_atomic = std::make_unique<ds::AtomicFileWriter>(path);
  } catch (const ds::AtomicWriteError& e) {
    throw UsageError("--out", e.what());
  }
}

Output::~Output() {
  if (m_file && m_file != stdout) std::fclose(m_file);
  // m_atomic, uncommitted, removes its temporary file.
}

void Output::write(const char* data, std::size_t size) {
  if (size == 0) return;
  const bool ok = m_atomic ? static_cast<bool>(m_atomic->stream().write(data, static_cast<std::streamsize>(size)))
                           : std::fwrite(data, 1, size, m_file) == size;
  if (!ok) {
    throw std::runtime_error("writing " + (m_path.empty() ? std::string("standard output") : m_path) +
                             " failed: " + std::strerror(errno));
  }
}

void Output::commit() {
  if (m_atomic) {
    try {
      m_atomic->commit();
    } catch (const ds::AtomicWriteError& e) {
      throw std::runtime_error(e.what());
    }
    return;
  }
  const std::string where = m_path.empty() ? std::string("standard output") : m_path;
  if (std::fflush(m_file) != 0 || std::ferror(m_file)) {
    throw std::runtime_error("writing " + where + " failed: " + std::strerror(errno));
  }
  if (m_file != stdout) {
    const int rc = std::fclose(m_file);
    m_file = nullptr;
    if (rc != 0) throw std::runtime_error("writing " + where + " failed: " + std::strerror(errno));
  }
}

namespace {

// Appends a number to buf without allocation; returns the new end.
char* appendNumber(char* p, char* end, double value, ColumnKind kind) {
  if (std::isnan(value)) return p;
  switch (kind) {
    case ColumnKind::Integer:
      return std::to_chars(p, end, static_cast<long long>(std::llround(value))).ptr;
    case ColumnKind::Float:
      return std::to_chars(p, end, value, std::chars_format::general, 9).ptr;
    case ColumnKind::Double:
    default:
      return std::to_chars(p, end, value, std::chars_format::general, 17).ptr;
  }
}

class Buffered {
 public:
  explicit Buffered(Output& out) : m_out(out) { m_buf.reserve(1 << 16); }
  ~Buffered() = default;
  void text(const std::string& s) {
    m_buf += s;
    maybeFlush();
  }
  void text(char c) { m_buf += c; }
  void number(double value, ColumnKind kind) {
    char tmp[64];
    char* end = appendNumber(tmp, tmp + sizeof tmp, value, kind);
    m_buf.append(tmp, end);
    maybeFlush();
  }
  void flush() {
    m_out.write(m_buf);
    m_buf.clear();
  }

 private:
  void maybeFlush() {
    if (m_buf.size() >= (1 << 16)) flush();
  }
  Output& m_out;
  std::string m_buf;
};

}  // namespace

std::string formatNumber(double value, ColumnKind kind) {
  char tmp[64];
  return std::string(tmp, appendNumber(tmp, tmp + sizeof tmp, value, kind));
}

namespace {

// The first value that must not be written (see writeTable), as a message; empty when none.
std::string firstNonFinite(const Table& table) {
  for (const auto& c : table.columns()) {
    for (std::size_t r = 0; r < c.values.size(); ++r) {
      const double v = c.values[r];
      if (std::isfinite(v) || (std::isnan(v) && c.mayBeEmpty)) continue;
      return "the result is not a finite number (" +
             std::string(std::isnan(v) ? "NaN"
                         : v > 0       ? "inf"
                                       : "-inf") +
             ") in column '" + c.name + "', row " + std::to_string(r + 1) +
             ": the computation overflowed; nothing was written. Try smaller values";
    }
  }
  return {};
}

}  // namespace

void writeTable(Output& out, const Table& table, const std::string& format, const nlohmann::json& meta) {
  const auto& cols = table.columns();
  const std::size_t rows = table.rows();
  // Checked before the first byte, so standard output gets nothing either.
  if (const std::string problem = firstNonFinite(table); !problem.empty()) throw std::runtime_error(problem);
  Buffered buf(out);
  if (format == "json") {
    nlohmann::json head = meta.is_object() ? meta : nlohmann::json::object();
    nlohmann::json names = nlohmann::json::array();
    for (const auto& c : cols) names.push_back(c.name);
    head["columns"] = names;
    std::string prefix = head.dump();
    prefix.pop_back();  // drop the closing brace; the rows follow
    buf.text(prefix);
    buf.text(std::string(",\"rows\":["));
    for (std::size_t r = 0; r < rows; ++r) {
      buf.text(r ? std::string(",\n{") : std::string("\n{"));
      for (std::size_t c = 0; c < cols.size(); ++c) {
        if (c) buf.text(',');
        buf.text(nlohmann::json(cols[c].name).dump());
        buf.text(':');
        const double v = cols[c].values[r];
        if (std::isfinite(v)) {
          buf.number(v, cols[c].kind);
        } else {
          buf.text(std::string("null"));  // JSON has no NaN/Inf
        }
      }
      buf.text('}');
    }
    buf.text(std::string("\n]}\n"));
  } else {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) buf.text(',');
      buf.text(cols[c].name);
    }
    buf.text('\n');
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols.size(); ++c) {
        if (c) buf.text(',');
        buf.number(cols[c].values[r], cols[c].kind);
      }
      buf.text('\n');
    }
  }
  buf.flush();
}

}  // namespace dscli
