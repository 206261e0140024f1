// diffusion-cli schedule: the noise schedule table, one row per t = 1..T; with --respace, one row
// per kept timestep of the respaced schedule (core/likelihood/respace.h).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"

#include "core/likelihood/respace.h"
#include "core/schedule.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dscli {
namespace {

struct ScheduleCommandOptions {
  ScheduleOptions schedule;
  std::string respace;
  std::string format;
  std::string out;
};

// The quantities of one row, for the full schedule (NoiseSchedule) or a respaced one (RespacedSchedule).
template <typename S>
void addRows(Table& table, const S& s, const std::vector<int>& originalT) {
  const auto n = originalT.size();
  auto& t = table.addColumn("t", ColumnKind::Integer, n);
  auto& beta = table.addColumn("beta", ColumnKind::Double, n);
  auto& ab = table.addColumn("alpha_bar", ColumnKind::Double, n);
  auto& abPrev = table.addColumn("alpha_bar_prev", ColumnKind::Double, n);
  auto& pv = table.addColumn("posterior_variance", ColumnKind::Double, n);
  auto& plv = table.addColumn("posterior_log_variance_clipped", ColumnKind::Double, n);
  plv.mayBeEmpty = n == 1;  // a one-step respaced schedule has no β̃_2 to clip log β̃_1 = −∞ to
  auto& c1 = table.addColumn("posterior_mean_coef1", ColumnKind::Double, n);
  auto& c2 = table.addColumn("posterior_mean_coef2", ColumnKind::Double, n);
  auto& snr = table.addColumn("snr", ColumnKind::Double, n);
  for (std::size_t k = 0; k < n; ++k) {
    const int i = static_cast<int>(k) + 1;
    t.values.push_back(originalT[k]);
    beta.values.push_back(s.beta(i));
    ab.values.push_back(s.alphaBar(i));
    abPrev.values.push_back(s.alphaBarPrev(i));
    pv.values.push_back(s.posteriorVariance(i));
    plv.values.push_back(s.posteriorLogVarianceClipped(i));
    c1.values.push_back(s.posteriorMeanCoef1(i));
    c2.values.push_back(s.posteriorMeanCoef2(i));
    snr.values.push_back(s.snr(i));
  }
}

void runSchedule(const ScheduleCommandOptions& o) {
  const ds::NoiseSchedule s = makeSchedule(o.schedule);
  const int T = s.steps();
  std::vector<int> kept;
  if (!o.respace.empty()) {
    try {
      kept = ds::spaceTimesteps(T, o.respace);
    } catch (const std::invalid_argument& e) {
      throw UsageError("--respace", e.what());
    }
  }
  Output out(o.out);
  Table table;
  if (kept.empty()) {
    std::vector<int> all(static_cast<std::size_t>(T));
    for (int i = 1; i <= T; ++i) all[static_cast<std::size_t>(i - 1)] = i;
    addRows(table, s, all);
  } else {
    addRows(table, ds::respace(s, kept), kept);
  }
  nlohmann::json meta;
  meta["kind"] = ds::toString(s.spec().kind);
  meta["steps"] = T;
  if (s.spec().kind != ds::ScheduleKind::Cosine) {
    // The β range actually used (defaults resolved), so the JSON fully describes the schedule.
    meta["beta_start"] = s.beta(1);
    meta["beta_end"] = s.beta(T);
  }
  if (!kept.empty()) {
    meta["respace"] = o.respace;
    meta["respaced_steps"] = kept.size();
  }
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addScheduleCommand(CLI::App& app) {
  auto opts = std::make_shared<ScheduleCommandOptions>();
  auto* cmd = app.add_subcommand("schedule", "Print the noise schedule: one row per t = 1..T (or per kept t)");
  cmd->footer(
      "Columns: t,beta,alpha_bar,alpha_bar_prev,posterior_variance,posterior_log_variance_clipped,\n"
      "posterior_mean_coef1,posterior_mean_coef2,snr (17 significant digits).\n"
      "JSON: {\"kind\",\"steps\",\"beta_start\",\"beta_end\",\"columns\",\"rows\":[{...}, ...]}.\n"
      "--respace SECTION_COUNTS keeps a subsequence as improved-diffusion's space_timesteps does: \"10,15,20\"\n"
      "splits 1..T into three equal sections and keeps 10, 15 and 20 evenly spread steps of them; \"ddimN\"\n"
      "keeps N steps with one integer stride. Rows are then the kept steps (t = the original timestep)\n"
      "with beta'_i = 1 - alpha_bar_t / alpha_bar of the previous kept step.\n"
      "Examples: diffusion-cli schedule --kind linear --steps 1000\n"
      "          diffusion-cli schedule --kind cosine --steps 1000 --respace ddim50");
  addScheduleOptions(cmd, opts->schedule, /*kindRequired=*/true, /*stepsRequired=*/false);
  cmd->add_option("--respace", opts->respace, "Keep only these steps: section counts \"10,15,20\" or \"ddimN\"")
      ->type_name("COUNTS");
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runSchedule(*opts); });
}

}  // namespace dscli
