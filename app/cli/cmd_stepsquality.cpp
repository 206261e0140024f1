// diffusion-cli steps-quality: for a Gaussian mixture and its exact denoiser, the distance of
// DDPM, DDIM, ODE (Heun) and predictor-corrector samples to the exact data for several numbers of
// sampling steps S, with the wall time of each run (core/eval/stepsquality.h).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"

#include "core/eval/stepsquality.h"

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace dscli {
namespace {

constexpr long long kMaxSamples = 1'000'000;

struct StepsQualityOptions {
  std::string gmm;
  ScheduleOptions schedule;
  std::string samplers = "ddpm,ddim,ode,pc";
  std::string steps = "5,10,20,50,100,250,1000";
  long long n = 2000;
  int correctorSteps = 1;
  double snr = 0.16;
  std::uint64_t seed = 0;
  std::string format;
  std::string out;
};

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) parts.push_back(item);
  if (!text.empty() && text.back() == ',') parts.emplace_back();
  return parts;
}

std::vector<int> parseSteps(const std::string& text, int T) {
  std::vector<int> steps;
  for (const std::string& part : splitList(text)) {
    std::size_t used = 0;
    int v = 0;
    try {
      v = std::stoi(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size()) {
      throw UsageError("--sampling-steps", "\"" + part + "\" is not a whole number (expected a list like 5,10,20)");
    }
    if (v < 1 || v > T) {
      throw UsageError("--sampling-steps",
                       std::to_string(v) + " is outside 1.." + std::to_string(T) + " (T = --steps)");
    }
    steps.push_back(v);
  }
  return steps;
}

// The numeric table with a first text column `sampler` (Table holds numbers only): CSV, or JSON
// with meta's fields, "columns" and one object per row, as writeTable does.
void writeNamedTable(Output& out, const std::vector<std::string>& names, const Table& table, const std::string& format,
                     nlohmann::json meta) {
  for (const Column& c : table.columns()) {
    for (double v : c.values) {
      if (!std::isfinite(v)) throw std::runtime_error("a non-finite value in column '" + c.name + "'");
    }
  }
  if (format == "json") {
    nlohmann::json columns = nlohmann::json::array({"sampler"});
    for (const Column& c : table.columns()) columns.push_back(c.name);
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t r = 0; r < names.size(); ++r) {
      nlohmann::json row;
      row["sampler"] = names[r];
      for (const Column& c : table.columns()) {
        if (c.kind == ColumnKind::Integer) row[c.name] = static_cast<long long>(c.values[r]);
        else row[c.name] = c.values[r];
      }
      rows.push_back(row);
    }
    meta["columns"] = columns;
    meta["rows"] = rows;
    out.write(meta.dump() + "\n");
    return;
  }
  std::string text = "sampler";
  for (const Column& c : table.columns()) text += "," + c.name;
  text += "\n";
  for (std::size_t r = 0; r < names.size(); ++r) {
    text += names[r];
    for (const Column& c : table.columns()) text += "," + formatNumber(c.values[r], c.kind);
    text += "\n";
  }
  out.write(text);
}

void runStepsQuality(const StepsQualityOptions& o) {
  ds::StepsQualityRequest r;
  r.data = parseGmm(o.gmm);
  const ds::NoiseSchedule schedule = makeSchedule(o.schedule);
  r.schedule = schedule.spec();
  r.samplers.clear();
  for (const std::string& name : splitList(o.samplers)) {
    try {
      r.samplers.push_back(ds::parseStepsSampler(name));
    } catch (const std::invalid_argument& e) {
      throw UsageError("--samplers", e.what());
    }
  }
  r.steps = parseSteps(o.steps, schedule.steps());
  requireInRange("--n", o.n, 2, kMaxSamples);
  requireInRange("--corrector-steps", o.correctorSteps, 0, 100);
  if (!(o.snr > 0.0 && o.snr <= 10.0)) throw UsageError("--snr", "must be in (0, 10], got " + num(o.snr));
  r.n = o.n;
  r.correctorSteps = o.correctorSteps;
  r.snr = o.snr;
  r.seed = o.seed;
  r.device = resolveDevice();
  Output out(o.out);

  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressPrinter printer("steps-quality (" + r.device.str() + ")", globalOptions().quiet);
  const ds::StepsQualityResult result = ds::stepsAgainstQuality(r, printer.callback(), cancel);
  printer.finish();

  Table named;
  std::vector<std::string> names;
  Column& steps = named.addColumn("steps", ColumnKind::Integer);
  Column& distance = named.addColumn(result.metric, ColumnKind::Double);
  Column& floor = named.addColumn("floor", ColumnKind::Double);
  Column& seconds = named.addColumn("seconds", ColumnKind::Double);
  Column& evaluations = named.addColumn("evaluations", ColumnKind::Integer);
  for (const auto& row : result.rows) {
    names.push_back(ds::toString(row.sampler));
    steps.values.push_back(row.steps);
    distance.values.push_back(row.distance);
    floor.values.push_back(result.floor);
    seconds.values.push_back(row.seconds);
    evaluations.values.push_back(static_cast<double>(row.evaluations));
  }
  nlohmann::json meta;
  meta["gmm"] = r.data.toSpec();
  meta["kind"] = ds::toString(r.schedule.kind);
  meta["steps"] = schedule.steps();
  meta["n"] = o.n;
  meta["seed"] = o.seed;
  meta["metric"] = result.metric;
  meta["device"] = r.device.str();
  writeNamedTable(out, names, named, o.format, meta);
  out.commit();
}

}  // namespace

void addStepsQualityCommand(CLI::App& app) {
  auto opts = std::make_shared<StepsQualityOptions>();
  auto* cmd = app.add_subcommand(
      "steps-quality", "Distance of DDPM, DDIM, ODE (Heun) and PC samples to a mixture for several step counts");
  cmd->footer(
      "Columns: sampler,steps,METRIC,floor,seconds,evaluations. METRIC is ks (1-D: the Kolmogorov-Smirnov\n"
      "distance to the mixture's exact CDF) or sliced_w2 (2-D: sliced Wasserstein-2 to 20000 exact\n"
      "samples); floor is the same distance for an independent exact sample of --n points. The denoiser\n"
      "is the mixture's exact one, so the distances measure the samplers alone. ddpm runs the respaced\n"
      "chain on S kept steps, ddim (eta 0) the same steps, ode S Heun steps (2S evaluations), pc the\n"
      "respaced ddpm step plus --corrector-steps Langevin steps. seconds: the wall time of each run.\n"
      "Example:\n"
      "  diffusion-cli steps-quality --gmm '0.3:-2:0.4;0.7:2:0.4' --kind linear --steps 1000 \\\n"
      "           --sampling-steps 5,10,20,50,100,250,1000 --n 2000 --seed 1");
  addGmmOption(cmd, opts->gmm);
  addScheduleOptions(cmd, opts->schedule, /*kindRequired=*/true, /*stepsRequired=*/false);
  cmd->add_option("--samplers", opts->samplers, "Comma-separated list of ddpm, ddim, ode, pc")
      ->capture_default_str()
      ->type_name("LIST");
  cmd->add_option("--sampling-steps", opts->steps, "Comma-separated step counts S, each in 1..T")
      ->capture_default_str()
      ->type_name("LIST");
  cmd->add_option("--n", opts->n, "Samples per run (2..1000000)")->capture_default_str()->type_name("N");
  cmd->add_option("--corrector-steps", opts->correctorSteps, "pc: Langevin corrector steps per step (0..100)")
      ->capture_default_str()
      ->type_name("M");
  cmd->add_option("--snr", opts->snr, "pc: signal-to-noise ratio of the Langevin step size, in (0, 10]")
      ->capture_default_str()
      ->type_name("R");
  addSeedOption(cmd, opts->seed);
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runStepsQuality(*opts); });
}

}  // namespace dscli
