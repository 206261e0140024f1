#pragma once
// Runs the built diffusion-cli binary with given arguments (no shell) and captures its
// standard output, standard error and exit code. DS_TEST_DEVICE=cpu|cuda adds --device.

#include <string>
#include <vector>

namespace dstest {

struct CliResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

CliResult runCli(const std::vector<std::string>& args, bool withDevice = true);

// Splits CSV text into rows of fields (no quoting: the CLI never writes quotes).
std::vector<std::vector<std::string>> parseCsv(const std::string& text);
// Parses all rows after the header as doubles (empty fields become NaN).
std::vector<std::vector<double>> csvNumbers(const std::string& text);

std::string tempPath(const std::string& name);

}  // namespace dstest
