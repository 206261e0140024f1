#pragma once
// Pieces shared by the diffusion-cli subcommands: global options, option groups that several
// subcommands repeat (schedule, --gmm), argument errors that name their option, and exit codes.

#include "core/gmm.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace dscli {

// Exit codes (documented in docs/cli.md).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;        // the job itself failed (I/O error, internal error)
constexpr int kExitUsage = 2;          // a bad, missing or unknown argument
constexpr int kExitInterrupted = 130;  // SIGINT / cancelled

// A bad argument. what() always starts with the option it is about, e.g. "--t: must be ...".
class UsageError : public std::runtime_error {
 public:
  UsageError(const std::string& option, const std::string& message)
      : std::runtime_error(option + ": " + message), m_option(option) {}
  const std::string& option() const { return m_option; }

 private:
  std::string m_option;
};

// Options that belong to the whole program (given before or after the subcommand).
struct GlobalOptions {
  std::string device = "auto";
  bool quiet = false;
};
GlobalOptions& globalOptions();

// Resolves --device; throws UsageError("--device", ...) for an unknown name or absent CUDA.
c10::Device resolveDevice();

// --kind/--steps/--beta-start/--beta-end. `stepsRequired` false gives --steps a default of 1000.
struct ScheduleOptions {
  std::string kind;
  int steps = 1000;
  std::optional<double> betaStart;
  std::optional<double> betaEnd;
};
void addScheduleOptions(CLI::App* cmd, ScheduleOptions& opts, bool kindRequired, bool stepsRequired);
// Builds the schedule, turning core's std::invalid_argument into a UsageError naming the option.
ds::NoiseSchedule makeSchedule(const ScheduleOptions& opts);

// Bounds on mixture SPECs (and on the positions and grids used with them): each |mean| and each
// std at most kMaxMixtureValue, each std at least kMinMixtureStd, each normalised weight at least
// kMinMixtureWeight. Within them every density, score and sample stays finite in double.
constexpr double kMaxMixtureValue = 1e6;
constexpr double kMinMixtureStd = 1e-6;
constexpr double kMinMixtureWeight = 1e-12;

// --gmm SPEC, parsed with GaussianMixture::parse and checked against the bounds above; errors
// become UsageError("--gmm", ...).
CLI::Option* addGmmOption(CLI::App* cmd, std::string& spec, bool required = true);
ds::GaussianMixture parseGmm(const std::string& spec);

// --seed S: an unsigned 64-bit integer; a negative or fractional value is an error naming --seed.
CLI::Option* addSeedOption(CLI::App* cmd, std::uint64_t& seed);

// --format csv|json (default csv).
CLI::Option* addFormatOption(CLI::App* cmd, std::string& format);

// Range checks that throw UsageError naming the option.
void requireAtLeast(const std::string& option, long long value, long long lo);
void requireInRange(const std::string& option, long long value, long long lo, long long hi);

// The memory one run may plan to use: DIFFUSION_CLI_MEMORY_LIMIT (GiB, e.g. "8" or "0.5") when set,
// else half of the machine's physical memory. A bad value of the variable is a UsageError naming it.
double memoryLimitBytes();
// Refuses a request estimated to need more than memoryLimitBytes() before anything is allocated:
// UsageError(option, "needs about 28 GiB of memory (<detail>), more than the 12 GiB limit; <suggestion>").
void requireMemory(const std::string& option, double bytes, const std::string& detail, const std::string& suggestion);

// Refuses, before any work, an output that cannot be written: a folder, a device, a missing folder,
// or a folder that does not take new files (a hidden temporary file is created there and removed,
// as the final atomic write will). UsageError naming the option and the reason.
void requireWritableOutput(const std::string& option, const std::string& path);

// Combines a user seed with a stream number so that two generators seeded from one --seed
// (e.g. the data draw and the chain noise) do not produce the same normal numbers.
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

// A number for a message: shortest form that reads back the same ("0.0001", "-1.5").
std::string num(double value);

}  // namespace dscli
