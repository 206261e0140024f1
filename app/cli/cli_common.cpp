#include "app/cli/cli_common.h"

#include "core/runtime/atomicfile.h"
#include "core/runtime/device.h"
#include "core/runtime/fileread.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <system_error>

#include <unistd.h>

namespace dscli {

GlobalOptions& globalOptions() {
  static GlobalOptions options;
  return options;
}

c10::Device resolveDevice() {
  const std::string& name = globalOptions().device;
  try {
    return ds::chooseDevice(name);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--device", std::string("'") + name + "' is not a device (use auto, cpu or cuda): " + e.what());
  } catch (const std::exception& e) {
    throw UsageError("--device", std::string("'") + name + "' is not usable here: " + e.what());
  }
}

void addScheduleOptions(CLI::App* cmd, ScheduleOptions& opts, bool kindRequired, bool stepsRequired) {
  auto* kind = cmd->add_option("--kind", opts.kind, "Noise schedule")
                   ->check(CLI::IsMember(ds::scheduleKindNames()))
                   ->type_name("KIND");
  if (kindRequired) {
    kind->required();
  } else {
    opts.kind = "linear";
    kind->capture_default_str();
  }
  auto* steps = cmd->add_option("--steps", opts.steps, "Number of diffusion steps T (>= 2)")->type_name("T");
  if (stepsRequired) {
    steps->required();
  } else {
    steps->capture_default_str();
  }
  cmd->add_option("--beta-start", opts.betaStart, "beta_1 for linear/quadratic/sigmoid (default 1e-4*1000/T)")
      ->type_name("B");
  cmd->add_option("--beta-end", opts.betaEnd, "beta_T for linear/quadratic/sigmoid (default 0.02*1000/T)")
      ->type_name("B");
}

ds::NoiseSchedule makeSchedule(const ScheduleOptions& opts) {
  requireInRange("--steps", opts.steps, 2, 1000000);
  for (const auto& [name, value] : {std::pair{"--beta-start", opts.betaStart}, std::pair{"--beta-end", opts.betaEnd}}) {
    if (value && !(*value > 0.0 && *value < 1.0)) {
      throw UsageError(name, "must be in (0, 1), got " + num(*value));
    }
  }
  ds::ScheduleSpec spec;
  try {
    spec.kind = ds::parseScheduleKind(opts.kind);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--kind", e.what());
  }
  if (spec.kind == ds::ScheduleKind::Cosine && (opts.betaStart || opts.betaEnd)) {
    throw UsageError(opts.betaStart ? "--beta-start" : "--beta-end",
                     "the cosine schedule has no beta range; drop the option or choose another --kind");
  }
  if (opts.betaStart && opts.betaEnd && *opts.betaStart > *opts.betaEnd) {
    throw UsageError("--beta-start", "must not exceed --beta-end");
  }
  spec.steps = opts.steps;
  spec.betaStart = opts.betaStart;
  spec.betaEnd = opts.betaEnd;
  try {
    return ds::NoiseSchedule(spec);
  } catch (const std::invalid_argument& e) {
    // Core names the quantity, not the flag; the flags that feed it are these.
    throw UsageError("--kind/--steps/--beta-start/--beta-end", e.what());
  }
}

CLI::Option* addGmmOption(CLI::App* cmd, std::string& spec, bool required) {
  auto* opt = cmd->add_option("--gmm", spec,
                              "Gaussian-mixture data: 'w:mean:std;...', 2-D mean 'mx,my' "
                              "(e.g. '0.5:-2:0.4;0.5:2:0.4')")
                  ->type_name("SPEC");
  if (required) opt->required();
  return opt;
}

ds::GaussianMixture parseGmm(const std::string& spec) {
  ds::GaussianMixture mixture;
  try {
    mixture = ds::GaussianMixture::parse(spec);
  } catch (const std::exception& e) {
    throw UsageError("--gmm", "cannot read '" + spec + "': " + e.what());
  }
  // Finite is not enough: a mean of 1e308 or a std of 1e300 overflows in x² or σ² and the
  // densities and samples come out inf/NaN. These bounds keep every quantity a double can hold.
  const auto& components = mixture.components();
  for (std::size_t i = 0; i < components.size(); ++i) {
    const ds::GaussianComponent& c = components[i];
    const std::string where = "component " + std::to_string(i + 1) + ": ";
    for (double m : c.mean) {
      if (std::abs(m) > kMaxMixtureValue)
        throw UsageError(
            "--gmm", where + "mean " + num(m) + " is outside -" + num(kMaxMixtureValue) + ".." + num(kMaxMixtureValue));
    }
    if (c.std < kMinMixtureStd || c.std > kMaxMixtureValue)
      throw UsageError(
          "--gmm", where + "std " + num(c.std) + " is outside " + num(kMinMixtureStd) + ".." + num(kMaxMixtureValue));
    // Weights are relative (normalised by the mixture, even when their sum overflows); one that is
    // negligible next to the others would give log(0) = -inf.
    if (!(c.weight >= kMinMixtureWeight))
      throw UsageError("--gmm", where + "weight is " + num(c.weight) + " of the total; each weight must be at least " +
                                    num(kMinMixtureWeight) + " of the total");
  }
  return mixture;
}

CLI::Option* addSeedOption(CLI::App* cmd, std::uint64_t& seed) {
  return cmd->add_option("--seed", seed, "Random seed (unsigned integer)")
      ->required()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            // CLI11 would wrap "-1" to 2^64-1; refuse anything but plain digits.
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
              return "must be a non-negative integer, got '" + text + "'";
            }
            // ... and anything that does not fit in 64 bits (it used to be capped silently).
            std::uint64_t value = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size()) {
              return "must be at most 18446744073709551615 (2^64 - 1), got '" + text + "'";
            }
            return {};
          },
          "", "SEED"))
      ->type_name("S");
}

CLI::Option* addFormatOption(CLI::App* cmd, std::string& format) {
  format = "csv";
  return cmd->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
}

void requireAtLeast(const std::string& option, long long value, long long lo) {
  if (value < lo) {
    throw UsageError(option, "must be at least " + std::to_string(lo) + ", got " + std::to_string(value));
  }
}

double memoryLimitBytes() {
  constexpr const char* kVar = "DIFFUSION_CLI_MEMORY_LIMIT";
  if (const char* env = std::getenv(kVar); env && *env) {
    char* end = nullptr;
    const double gib = std::strtod(env, &end);
    if (end == env || *end != '\0' || !(gib > 0) || !std::isfinite(gib) || gib > 1e6) {
      throw UsageError(kVar, std::string("must be a positive number of GiB (e.g. 8 or 0.5), got \"") + env + "\"");
    }
    return gib * 1024.0 * 1024.0 * 1024.0;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long pageSize = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0) return 4.0 * 1024 * 1024 * 1024;  // unknown: a conservative 4 GiB
  return 0.5 * static_cast<double>(pages) * static_cast<double>(pageSize);
}

void requireMemory(const std::string& option, double bytes, const std::string& detail, const std::string& suggestion) {
  const double limit = memoryLimitBytes();
  if (bytes <= limit) return;
  throw UsageError(option, "this run needs about " + ds::formatBytes(bytes) + " of memory (" + detail +
                               "), more than the " + ds::formatBytes(limit) + " limit; " + suggestion +
                               " (the limit is half the machine's memory, or DIFFUSION_CLI_MEMORY_LIMIT in GiB)");
}

void requireWritableOutput(const std::string& option, const std::string& path) {
  try {
    const ds::AtomicFileWriter probe(path);  // its destructor removes the empty temporary file
  } catch (const ds::AtomicWriteError& e) {
    throw UsageError(option, e.what());
  }
}

void requireInRange(const std::string& option, long long value, long long lo, long long hi) {
  if (value < lo || value > hi) {
    throw UsageError(option,
                     "must be in " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " + std::to_string(value));
  }
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream) {
  // splitmix64 finaliser over seed + stream·golden ratio.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string num(double value) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

}  // namespace dscli
