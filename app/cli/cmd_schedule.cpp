// diffusion-cli schedule: the noise schedule table, one row per t = 1..T.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"

#include "core/schedule.h"

#include <memory>

namespace dscli {
namespace {

struct ScheduleCommandOptions {
  ScheduleOptions schedule;
  std::string format;
  std::string out;
};

void runSchedule(const ScheduleCommandOptions& o) {
  const ds::NoiseSchedule s = makeSchedule(o.schedule);
  Output out(o.out);
  const int T = s.steps();
  Table table;
  auto& t = table.addColumn("t", ColumnKind::Integer, T);
  auto& beta = table.addColumn("beta", ColumnKind::Double, T);
  auto& ab = table.addColumn("alpha_bar", ColumnKind::Double, T);
  auto& abPrev = table.addColumn("alpha_bar_prev", ColumnKind::Double, T);
  auto& pv = table.addColumn("posterior_variance", ColumnKind::Double, T);
  auto& plv = table.addColumn("posterior_log_variance_clipped", ColumnKind::Double, T);
  auto& c1 = table.addColumn("posterior_mean_coef1", ColumnKind::Double, T);
  auto& c2 = table.addColumn("posterior_mean_coef2", ColumnKind::Double, T);
  auto& snr = table.addColumn("snr", ColumnKind::Double, T);
  for (int i = 1; i <= T; ++i) {
    t.values.push_back(i);
    beta.values.push_back(s.beta(i));
    ab.values.push_back(s.alphaBar(i));
    abPrev.values.push_back(s.alphaBarPrev(i));
    pv.values.push_back(s.posteriorVariance(i));
    plv.values.push_back(s.posteriorLogVarianceClipped(i));
    c1.values.push_back(s.posteriorMeanCoef1(i));
    c2.values.push_back(s.posteriorMeanCoef2(i));
    snr.values.push_back(s.snr(i));
  }
  nlohmann::json meta;
  meta["kind"] = ds::toString(s.spec().kind);
  meta["steps"] = T;
  if (s.spec().kind != ds::ScheduleKind::Cosine) {
    // The β range actually used (defaults resolved), so the JSON fully describes the schedule.
    meta["beta_start"] = s.beta(1);
    meta["beta_end"] = s.beta(T);
  }
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addScheduleCommand(CLI::App& app) {
  auto opts = std::make_shared<ScheduleCommandOptions>();
  auto* cmd = app.add_subcommand("schedule", "Print the noise schedule: one row per t = 1..T");
  cmd->footer(
      "Columns: t,beta,alpha_bar,alpha_bar_prev,posterior_variance,posterior_log_variance_clipped,\n"
      "posterior_mean_coef1,posterior_mean_coef2,snr (17 significant digits).\n"
      "JSON: {\"kind\",\"steps\",\"beta_start\",\"beta_end\",\"columns\",\"rows\":[{...}, ...]}.\n"
      "Example: diffusion-cli schedule --kind linear --steps 1000");
  addScheduleOptions(cmd, opts->schedule, /*kindRequired=*/true, /*stepsRequired=*/false);
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runSchedule(*opts); });
}

}  // namespace dscli
