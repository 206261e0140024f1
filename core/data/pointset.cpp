#include "core/data/pointset.h"

#include "core/runtime/atomicfile.h"
#include "core/runtime/fileread.h"

#include <ATen/ATen.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ds {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> splitCommas(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream is(line);
  while (std::getline(is, cell, ',')) cells.push_back(trim(cell));
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// At most 40 characters of a line for a message, with control bytes and bytes that are not UTF-8
// written as \xNN (a binary file must not put raw bytes on the user's terminal).
std::string shorten(const std::string& s) {
  std::string out;
  std::size_t shown = 0, i = 0;
  for (; i < s.size() && shown < 37; ++shown) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (valid && len == 1 && (c < 0x20 || c == 0x7F)) valid = false;
    if (valid) {
      out.append(s, i, len);
      i += len;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
      ++i;
    }
  }
  if (i < s.size()) out += "...";
  return out;
}

}  // namespace

PointSet parsePointsCsv(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  std::string raw;
  long long lineNo = 0;
  std::vector<std::string> columns;
  bool dropIndex = false;  // the old lesson exports "i,x" / "i,x,y" carry a row number first
  std::vector<float> values;
  auto fail = [&](long long line, const std::string& what) {
    std::ostringstream os;
    os << source;
    if (line > 0) os << ":" << line;
    os << ": " << what;
    throw PointSetError(os.str());
  };
  while (std::getline(in, raw)) {
    ++lineNo;
    // A UTF-8 byte order mark (spreadsheets write one) is not part of the header.
    if (lineNo == 1 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto cells = splitCommas(line);
    if (columns.empty()) {
      std::vector<std::string> header;
      for (auto& c : cells) header.push_back(lower(c));
      if (!header.empty() && header.front() == "i") {
        dropIndex = true;
        header.erase(header.begin());
      }
      if (header == std::vector<std::string>{"x"} || header == std::vector<std::string>{"x", "y"}) {
        columns = header;
        continue;
      }
      fail(lineNo, "expected a header row \"x,y\" or \"x\", found \"" + shorten(line) + "\"");
    }
    const std::size_t expected = columns.size() + (dropIndex ? 1 : 0);
    if (cells.size() != expected) {
      const std::string names = std::string(dropIndex ? "i," : "") + (columns.size() == 2 ? "x,y" : "x");
      fail(lineNo, "expected " + std::to_string(expected) + " value" + (expected > 1 ? "s" : "") + " (" + names +
                       "), found " + std::to_string(cells.size()));
    }
    if (dropIndex) cells.erase(cells.begin());
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const std::string& c = cells[k];
      char* end = nullptr;
      errno = 0;
      const double v = c.empty() ? NAN : std::strtod(c.c_str(), &end);
      if (c.empty() || end != c.c_str() + c.size() || !std::isfinite(v) || errno == ERANGE || std::fabs(v) > 3.0e38) {
        fail(lineNo, "column " + columns[k] + ": \"" + shorten(c) + "\" is not a finite number");
      }
      values.push_back(static_cast<float>(v));
    }
    if (static_cast<std::int64_t>(values.size() / columns.size()) > kMaxPoints) {
      fail(lineNo, "more than " + std::to_string(kMaxPoints) + " points");
    }
  }
  if (columns.empty()) fail(0, "the file is empty (expected a header row \"x,y\" or \"x\" and points)");
  if (values.empty()) fail(0, "the file has a header but no points");
  PointSet set;
  set.columns = columns;
  const auto D = static_cast<std::int64_t>(columns.size());
  set.points = at::from_blob(values.data(), {static_cast<std::int64_t>(values.size()) / D, D},
                             at::TensorOptions().dtype(at::kFloat))
                   .clone();
  return set;
}

std::string pointsContentHash(const at::Tensor& points) {
  const auto p = points.detach().to(at::kCPU, at::kFloat).contiguous();
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* bytes = reinterpret_cast<const Bytef*>(p.data_ptr<float>());
  std::size_t left = static_cast<std::size_t>(p.numel()) * sizeof(float);
  while (left > 0) {  // crc32 takes a uInt length
    const auto piece = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
    crc = crc32(crc, bytes, piece);
    bytes += piece;
    left -= piece;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "crc32:%08lx", static_cast<unsigned long>(crc));
  std::string out = buf;
  out += "/" + std::to_string(p.size(0));
  for (std::int64_t k = 1; k < p.dim(); ++k) out += "x" + std::to_string(p.size(k));
  return out;
}

PointSet readPointsCsv(const std::string& path) {
  std::string text;
  try {
    text = readFileLimited(path, kMaxPointsCsvBytes, "a point-set CSV");
  } catch (const FileReadError& e) {
    throw PointSetError(e.what());
  }
  return parsePointsCsv(text, path);
}

std::string formatPointsCsv(const at::Tensor& points) {
  if (!points.defined() || points.dim() != 2 || (points.size(1) != 1 && points.size(1) != 2)) {
    throw std::invalid_argument("writePointsCsv: points must be [N, 1] or [N, 2]");
  }
  auto p = points.detach().to(at::kCPU, at::kDouble).contiguous();
  std::ostringstream f;
  const auto D = p.size(1);
  // 9 significant digits round-trip a float exactly.
  f << (D == 2 ? "x,y\n" : "x\n") << std::setprecision(9);
  const double* d = p.data_ptr<double>();
  for (std::int64_t i = 0; i < p.size(0); ++i) {
    f << d[i * D];
    if (D == 2) f << ',' << d[i * D + 1];
    f << '\n';
  }
  return f.str();
}

void writePointsCsv(const std::string& path, const at::Tensor& points) {
  const std::string text = formatPointsCsv(points);
  try {
    writeFileAtomically(path, text);
  } catch (const AtomicWriteError& e) {
    throw PointSetError(e.what());
  }
}

std::vector<float> toInterleaved(const at::Tensor& points) {
  const at::Tensor c = points.detach().to(at::kCPU, at::kFloat).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

at::Tensor fromInterleaved(const std::vector<float>& values, int dim) {
  if (dim < 1 || values.size() % static_cast<std::size_t>(dim) != 0) {
    throw std::invalid_argument("fromInterleaved: " + std::to_string(values.size()) +
                                " values are not points of dimension " + std::to_string(dim));
  }
  const auto n = static_cast<std::int64_t>(values.size()) / dim;
  return at::from_blob(const_cast<float*>(values.data()), {n, dim}, at::kFloat).clone();
}

bool Normalization::isIdentity() const {
  return scale == 1.0 && std::all_of(shift.begin(), shift.end(), [](double v) { return v == 0.0; });
}

at::Tensor Normalization::apply(const at::Tensor& x) const {
  if (isIdentity()) return x;
  auto out = x;
  if (!shift.empty()) out = out - at::tensor(shift, x.options().dtype(at::kDouble)).to(x.scalar_type());
  return out / scale;
}

at::Tensor Normalization::inverse(const at::Tensor& x) const {
  if (isIdentity()) return x;
  auto out = x * scale;
  if (!shift.empty()) out = out + at::tensor(shift, x.options().dtype(at::kDouble)).to(x.scalar_type());
  return out;
}

Normalization fitNormalization(const at::Tensor& points) {
  Normalization n;
  auto p = points.detach().to(at::kCPU, at::kDouble);
  auto mean = p.mean(0);
  n.shift.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + mean.numel());
  const double rms = p.size(0) > 1 ? (p - mean).pow(2).mean().sqrt().item<double>() : 0.0;
  n.scale = (std::isfinite(rms) && rms > 1e-12) ? rms : 1.0;
  return n;
}

}  // namespace ds
