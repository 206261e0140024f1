#include "tests/cli/cli_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace dstest {

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string tempPath(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/ds-cli-test-" + std::to_string(::getpid()) + "-" + name;
}

CliResult runCli(const std::vector<std::string>& args, bool withDevice) {
  std::vector<std::string> argv{DS_CLI_PATH};
  const char* device = std::getenv("DS_TEST_DEVICE");
  if (withDevice && device && *device) {
    argv.push_back("--device");
    argv.push_back(device);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  static int counter = 0;
  const std::string outPath = tempPath("stdout-" + std::to_string(counter));
  const std::string errPath = tempPath("stderr-" + std::to_string(counter++));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error(std::string("cannot start ") + DS_CLI_PATH);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(outPath);
  result.err = slurp(errPath);
  std::remove(outPath.c_str());
  std::remove(errPath.c_str());
  return result;
}

std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::vector<std::vector<double>> csvNumbers(const std::string& text) {
  auto rows = parseCsv(text);
  std::vector<std::vector<double>> numbers;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<double> v;
    for (const auto& f : rows[r]) {
      // strtod, not stod: stod throws on subnormal densities such as 4.9e-324.
      char* end = nullptr;
      const double x = f.empty() ? std::nan("") : std::strtod(f.c_str(), &end);
      if (!f.empty() && *end != '\0') throw std::runtime_error("not a number in CSV: '" + f + "'");
      v.push_back(x);
    }
    numbers.push_back(std::move(v));
  }
  return numbers;
}

}  // namespace dstest
