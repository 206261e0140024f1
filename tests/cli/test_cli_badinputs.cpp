// The bad-input corpus (tests/data/bad/cases.tsv, issue 13): every broken SPEC, CSV, checkpoint,
// picture, mask and out-of-range option ends with exit status 1 or 2 (never a signal), a message
// that names the problem, and no change to the files around it (nothing replaced, nothing left
// behind, no temporary file).

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct BadCase {
  int line = 0;
  std::string kind;
  std::string message;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string text;
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::vector<std::string> splitAt(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string piece;
  std::istringstream in(s);
  while (std::getline(in, piece, sep)) out.push_back(piece);
  return out;
}

std::vector<BadCase> loadCases() {
  std::ifstream in(std::string(DS_BAD_CORPUS) + "/cases.tsv");
  std::vector<BadCase> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto cols = splitAt(line, '\t');
    BadCase c;
    c.line = number;
    c.text = line;
    if (cols.size() < 3) {
      c.kind = "malformed";  // reported as a failure by the test below
    } else {
      c.kind = cols[0];
      c.message = cols[1];
      for (auto& a : splitAt(cols[2], ' ')) c.args.push_back(a == "''" ? std::string() : a);
      if (cols.size() > 3) {
        for (const auto& assignment : splitAt(cols[3], ' ')) {
          const auto eq = assignment.find('=');
          if (eq != std::string::npos) c.env.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
        }
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// Path → content of every file below `dir` (folders as "<dir>").
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string rel = fs::relative(entry.path(), dir).string();
    if (entry.is_directory()) {
      files[rel] = "<dir>";
    } else {
      std::ifstream f(entry.path(), std::ios::binary);
      std::ostringstream ss;
      ss << f.rdbuf();
      files[rel] = ss.str();
    }
  }
  return files;
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, FailsClearlyAndChangesNothing) {
  const BadCase& c = GetParam();
  ASSERT_NE(c.kind, "malformed") << "cases.tsv line " << c.line << " needs CLASS, MESSAGE and ARGUMENTS: " << c.text;
  const fs::path tmp = dstest::tempPath("bad-" + std::to_string(c.line));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "outdir");
  // Files a careless failure would replace or leave behind.
  std::ofstream(tmp / "out.csv") << "x\n1\n";
  std::ofstream(tmp / "out.ckpt") << "an earlier checkpoint";
  std::ofstream(tmp / "out.png") << "an earlier picture";
  std::ofstream(tmp / "outdir" / "keep.txt") << "keep";
  const auto before = snapshot(tmp);

  std::vector<std::string> args;
  for (const auto& a : c.args) {
    args.push_back(replaceAll(replaceAll(a, "{bad}", DS_BAD_CORPUS), "{tmp}", tmp.string()));
  }
  bool limitSet = false;
  for (const auto& [name, value] : c.env) {
    ::setenv(name.c_str(), value.c_str(), 1);
    limitSet |= name == "DIFFUSION_CLI_MEMORY_LIMIT";
  }
  if (!limitSet) ::setenv("DIFFUSION_CLI_MEMORY_LIMIT", "8", 1);
  const auto r = dstest::runCli(args);
  ::unsetenv("DIFFUSION_CLI_MEMORY_LIMIT");
  for (const auto& [name, value] : c.env) ::unsetenv(name.c_str());

  SCOPED_TRACE("cases.tsv line " + std::to_string(c.line) + ": " + c.text);
  EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << "exit " << r.exitCode << " (128+N: killed by signal N)\n" << r.err;
  const std::string message = replaceAll(replaceAll(c.message, "{bad}", DS_BAD_CORPUS), "{tmp}", tmp.string());
  EXPECT_NE(r.err.find(message), std::string::npos) << "expected \"" << message << "\" in:\n" << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 300);
  EXPECT_EQ(snapshot(tmp), before) << "the run changed, added or left files in " << tmp;
  fs::remove_all(tmp);
}

std::string caseName(const ::testing::TestParamInfo<BadCase>& info) {
  std::string name = info.param.kind + "_line" + std::to_string(info.param.line);
  for (auto& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(loadCases()), caseName);

// The corpus is there and covers every class the issue names.
TEST(BadInputCorpus, CoversEveryInputClass) {
  std::map<std::string, int> perClass;
  for (const auto& c : loadCases()) ++perClass[c.kind];
  for (const char* kind : {"spec", "csv", "checkpoint", "image", "mask", "option", "output"}) {
    EXPECT_GE(perClass[kind], 3) << kind;
  }
}

}  // namespace
