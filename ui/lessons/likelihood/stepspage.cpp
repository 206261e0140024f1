#include "ui/lessons/likelihood/stepspage.h"

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessonfile.h"
#include "ui/lessons/likelihood/stepschart.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

namespace {

const StepsSampler kSamplers[] = {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc};
constexpr int kMaxN = 20000;
constexpr int kMaxCorrector = 20;

QString samplerKey(StepsSampler s) { return QString::fromStdString(toString(s)); }

}  // namespace

StepsPage::StepsPage(ComputeContext* context, QWidget* parent) : LikelihoodPanel(parent), m_context(context) {
  setObjectName(QStringLiteral("stepsPage"));
  m_tracker = new JobTracker(context, this);

  m_chart = new StepsChart(this);
  m_chart->setObjectName(QStringLiteral("stepsChart"));
  m_table = new QTableWidget(0, 5, this);
  m_table->setObjectName(QStringLiteral("stepsTable"));
  // Short headers: five columns share ~450 px on a projector; the tooltip says what they are.
  m_table->setHorizontalHeaderLabels({tr("sampler"), tr("S"), tr("distance"), tr("evals"), tr("ms")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  // The sampler's name ("DDPM (respaced)") on one line: its column takes its width, the numbers share the rest.
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  m_table->setWordWrap(false);
  m_table->setToolTip(
      tr("evals: denoiser evaluations per sample path (the ODE's Heun takes two per step, PC one "
         "per corrector step more). ms: wall time of the whole run of n samples, in milliseconds."));
  m_note = new QLabel(this);
  m_note->setObjectName(QStringLiteral("stepsNote"));
  m_note->setWordWrap(true);

  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("stepsProgress"));
  m_progress->setRange(0, 1000);
  m_progress->setTextVisible(false);
  m_progress->setMaximumHeight(14);
  m_computeButton = new QPushButton(tr("Compute"), this);
  m_computeButton->setObjectName(QStringLiteral("stepsCompute"));
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName(QStringLiteral("stepsCancel"));
  m_cancel->setEnabled(false);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("stepsStatus"));
  m_status->setWordWrap(true);  // else its longest message sets the page's minimum width
  connect(m_computeButton, &QPushButton::clicked, this, &StepsPage::compute);
  connect(m_cancel, &QPushButton::clicked, m_tracker, &JobTracker::cancel);
  connect(m_tracker, &JobTracker::progress, this, [this](quint64, qint64 step, qint64 total) {
    m_progress->setValue(total > 0 ? static_cast<int>(1000 * step / total) : 0);
  });
  connect(m_tracker, &JobTracker::busyChanged, this, [this](bool busy) {
    m_cancel->setEnabled(busy);
    if (busy) m_status->setText(tr("Sampling with every sampler and S…"));
  });
  connect(m_tracker, &JobTracker::cancelled, this, [this](quint64 id) {
    // The newest job was cancelled (Cancel), not superseded by a newer one.
    if (id == m_tracker->currentJobId()) {
      m_status->setText(tr("Cancelled. Press Compute to run again."));
      m_progress->setValue(0);
      m_dirty = true;
    }
  });
  connect(m_tracker, &JobTracker::failed, this, [this](quint64, const QString& message) {
    m_status->setText(tr("Failed: %1").arg(message));
    Q_EMIT statusMessage(tr("Steps vs quality: %1").arg(message));
  });

  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(m_status, 1);
  progressRow->addWidget(m_progress, 1);
  progressRow->addWidget(m_computeButton);
  progressRow->addWidget(m_cancel);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_chart, 3);
  layout->addWidget(m_table, 2);
  layout->addWidget(m_note);
  layout->addLayout(progressRow);

  buildControls();
  updateNote();
  restyle();
}

StepsPage::~StepsPage() { m_tracker->cancelAndWait(); }

void StepsPage::buildControls() {
  m_controls = new QWidget;
  m_controls->setObjectName(QStringLiteral("stepsControls"));
  auto* form = new QFormLayout(m_controls);
  form->setContentsMargins(0, 0, 0, 0);
  auto* boxes = new QVBoxLayout;
  for (StepsSampler s : kSamplers) {
    auto* box = new QCheckBox(StepsChart::samplerName(s), m_controls);
    box->setObjectName(QStringLiteral("stepsShow_") + samplerKey(s));
    boxes->addWidget(box);
    m_samplerBoxes[s] = box;
    connect(box, &QCheckBox::toggled, this, &StepsPage::samplerToggled);
  }
  form->addRow(tr("Samplers"), boxes);
  m_stepsList = new QLineEdit(m_controls);
  m_stepsList->setObjectName(QStringLiteral("stepsList"));
  m_stepsList->setToolTip(
      tr("The numbers of sampling steps S to try, e.g. 5, 10, 20, 50 (values above T are left out)."));
  form->addRow(tr("Steps S"), m_stepsList);
  m_n = new QSpinBox(m_controls);
  m_n->setObjectName(QStringLiteral("stepsN"));
  m_n->setRange(10, kMaxN);
  m_n->setSingleStep(500);
  m_n->setToolTip(tr("Samples per sampler and S; the distance's noise shrinks like 1/√n."));
  form->addRow(tr("Samples n"), m_n);
  m_corrector = new QSpinBox(m_controls);
  m_corrector->setObjectName(QStringLiteral("stepsCorrector"));
  m_corrector->setRange(1, kMaxCorrector);
  form->addRow(tr("PC corrector steps"), m_corrector);
  m_snr = new QDoubleSpinBox(m_controls);
  m_snr->setObjectName(QStringLiteral("stepsSnr"));
  m_snr->setRange(0.01, 1.0);
  m_snr->setDecimals(3);
  m_snr->setSingleStep(0.02);
  m_snr->setToolTip(tr("PC: the Langevin corrector's signal-to-noise ratio (Song et al. 2021)."));
  form->addRow(tr("PC SNR"), m_snr);
  m_seed = new QSpinBox(m_controls);
  m_seed->setObjectName(QStringLiteral("stepsSeed"));
  m_seed->setRange(0, 999999);
  form->addRow(tr("Seed"), m_seed);
  m_controlMessage = new QLabel(m_controls);
  m_controlMessage->setObjectName(QStringLiteral("stepsControlMessage"));
  m_controlMessage->setWordWrap(true);
  m_controlMessage->setStyleSheet(QStringLiteral("color: #b00000"));
  form->addRow(m_controlMessage);
  syncControls();
  connect(m_stepsList, &QLineEdit::editingFinished, this, &StepsPage::settingsEdited);
  for (QSpinBox* s : {m_n, m_corrector, m_seed}) {
    s->setKeyboardTracking(false);
    connect(s, &QSpinBox::valueChanged, this, &StepsPage::settingsEdited);
  }
  m_snr->setKeyboardTracking(false);
  connect(m_snr, &QDoubleSpinBox::valueChanged, this, &StepsPage::settingsEdited);
}

QWidget* StepsPage::controls() { return m_controls; }

void StepsPage::syncControls() {
  const QSignalBlocker b1(m_n), b2(m_corrector), b3(m_snr), b4(m_seed);
  for (StepsSampler s : kSamplers) {
    const QSignalBlocker b(m_samplerBoxes[s]);
    const auto& chosen = m_settings.samplers;
    m_samplerBoxes[s]->setChecked(std::find(chosen.begin(), chosen.end(), s) != chosen.end());
  }
  m_stepsList->setText(formatStepsList(m_settings.steps));
  m_n->setValue(static_cast<int>(m_settings.n));
  m_corrector->setValue(m_settings.correctorSteps);
  m_snr->setValue(m_settings.snr);
  m_seed->setValue(static_cast<int>(m_settings.seed));
}

void StepsPage::settingsEdited() {
  StepsSettings s = m_settings;
  QString error;
  if (!parseStepsList(m_stepsList->text(), &s.steps, &error)) {
    // Refused: the message says why, the list shows the steps in use again.
    m_controlMessage->setText(error);
    Q_EMIT statusMessage(error);
    m_stepsList->setText(formatStepsList(m_settings.steps));
    return;
  }
  m_controlMessage->clear();
  s.n = m_n->value();
  s.correctorSteps = m_corrector->value();
  s.snr = m_snr->value();
  s.seed = static_cast<std::uint64_t>(m_seed->value());
  if (s == m_settings) {
    m_stepsList->setText(formatStepsList(s.steps));
    return;
  }
  m_settings = s;
  m_stepsList->setText(formatStepsList(s.steps));
  m_dirty = true;
  if (m_active) compute();
}

void StepsPage::samplerToggled() {
  std::vector<StepsSampler> chosen;
  for (StepsSampler s : kSamplers)
    if (m_samplerBoxes[s]->isChecked()) chosen.push_back(s);
  if (chosen.empty()) {
    // At least one line: the last box stays checked.
    m_controlMessage->setText(tr("Choose at least one sampler."));
    syncControls();
    return;
  }
  m_controlMessage->clear();
  m_settings.samplers = chosen;
  for (StepsSampler s : kSamplers) m_chart->setSamplerVisible(s, m_samplerBoxes[s]->isChecked());
  // A sampler the shown result lacks needs a run; hiding one does not.
  bool missing = !m_result;
  if (m_result)
    for (StepsSampler s : chosen) missing = missing || m_result->rowsOf(s).empty();
  if (missing) {
    m_dirty = true;
    if (m_active) compute();
  }
}

void StepsPage::setSetup(const LikelihoodSetup& setup) {
  m_setup = setup;
  m_dirty = true;
  updateNote();
  if (m_active) compute();
}

void StepsPage::setActive(bool active) {
  m_active = active;
  if (active && m_dirty) compute();
}

void StepsPage::setTimestep(int t) { (void)t; }  // the chart has no t: S counts whole runs

void StepsPage::compute() {
  if (!m_setup) return;
  StepsRequest request;
  request.setup = *m_setup;
  request.settings = m_settings;
  request.device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  m_dirty = false;
  m_progress->setValue(0);
  m_tracker->submit<StepsResult>(
      tr("Steps against quality"),
      [request](const ProgressFn& progress, const CancelToken& cancel) { return runSteps(request, progress, cancel); },
      [this](std::shared_ptr<const StepsResult> result) { showResult(std::move(result)); },
      [this](const QString&) { m_dirty = true; });
}

void StepsPage::showResult(std::shared_ptr<const StepsResult> result) {
  m_result = std::move(result);
  m_chart->setResult(m_result);
  for (StepsSampler s : kSamplers) m_chart->setSamplerVisible(s, m_samplerBoxes[s]->isChecked());
  const StepsResult& r = *m_result;
  m_table->setRowCount(static_cast<int>(r.quality.rows.size()));
  int row = 0;
  for (const StepsQualityRow& q : r.quality.rows) {
    const QStringList cells{StepsChart::samplerName(q.sampler), QString::number(q.steps),
                            QString::number(q.distance, 'f', 4), QString::number(q.evaluations),
                            QString::number(1000.0 * q.seconds, 'f', 1)};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_table->setItem(row, c, item);
    }
    ++row;
  }
  m_table->resizeRowsToContents();
  m_progress->setValue(1000);
  QString status = tr("Floor (an exact sample of n = %1): %2.").arg(r.settings.n).arg(r.quality.floor, 0, 'f', 4);
  if (!r.dropped.empty())
    status += QLatin1Char(' ') + tr("S above T = %1 left out: %2.").arg(r.T).arg(formatStepsList(r.dropped));
  m_status->setText(status);
}

void StepsPage::updateNote() {
  QString note =
      tr("All samplers use the mixture's exact denoiser E[ε | xₜ], by design: the lines differ only by "
         "how each sampler discretises the reverse process.");
  if (m_setup && m_setup->learned)
    note +=
        QLatin1Char(' ') + tr("The lesson's learned model (%1) is not used on this page.").arg(m_setup->denoiserLabel);
  m_note->setText(note);
}

void StepsPage::setPresentationMode(bool on) {
  m_style.presentation = on;
  restyle();
}

void StepsPage::restyle() {
  m_chart->setStyle(m_style);
  QFont f = font();
  f.setPointSizeF(m_style.size(9, 12));  // follows the presentation scale the window fits
  m_table->setFont(f);
  m_table->horizontalHeader()->setFont(f);
  m_note->setFont(f);
  m_table->resizeRowsToContents();
}

bool StepsPage::exportCsv(const QString& path, QString* error) const {
  if (!m_result) {
    *error = tr("There is no steps-against-quality table yet: press Compute first.");
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  QTextStream out(&file);
  out << "sampler,steps,distance,seconds,evaluations\n";
  for (const StepsQualityRow& q : m_result->quality.rows) {
    out << samplerKey(q.sampler) << ',' << q.steps << ',' << QString::number(q.distance, 'g', 8) << ','
        << QString::number(q.seconds, 'g', 6) << ',' << q.evaluations << '\n';
  }
  out.flush();
  if (!file.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QJsonObject StepsPage::saveState() const {
  QJsonObject o;
  QJsonArray samplers, steps;
  for (StepsSampler s : m_settings.samplers) samplers.append(samplerKey(s));
  for (int s : m_settings.steps) steps.append(s);
  o[QStringLiteral("samplers")] = samplers;
  o[QStringLiteral("steps")] = steps;
  o[QStringLiteral("n")] = static_cast<qint64>(m_settings.n);
  o[QStringLiteral("correctorSteps")] = m_settings.correctorSteps;
  o[QStringLiteral("snr")] = m_settings.snr;
  o[QStringLiteral("seed")] = static_cast<qint64>(m_settings.seed);
  return o;
}

bool StepsPage::applyState(const QJsonObject& state, QString* error) {
  JsonFields f(state, QStringLiteral("pages.steps"));
  StepsSettings s = m_settings;
  QJsonArray samplers, steps;
  qint64 n = s.n, seed = static_cast<qint64>(s.seed);
  if (f.array(QStringLiteral("samplers"), 4, &samplers) && f.has(QStringLiteral("samplers"))) {
    std::vector<StepsSampler> chosen;
    for (StepsSampler k : kSamplers)
      if (samplers.contains(samplerKey(k))) chosen.push_back(k);
    if (chosen.empty() || static_cast<int>(chosen.size()) != samplers.size())
      f.fail(tr("“%1” must list samplers among ddpm, ddim, ode, pc (at least one, each once).")
                 .arg(f.where(QStringLiteral("samplers"))));
    s.samplers = chosen;
  }
  if (f.array(QStringLiteral("steps"), 32, &steps) && f.has(QStringLiteral("steps"))) {
    QStringList parts;
    for (const QJsonValue& v : steps)
      parts << (v.isDouble() ? QString::number(v.toDouble(), 'g', 17) : QStringLiteral("?"));
    QString message;
    if (!parseStepsList(parts.join(QLatin1Char(',')), &s.steps, &message))
      f.fail(QStringLiteral("“%1”: %2").arg(f.where(QStringLiteral("steps")), message));
  }
  f.integer(QStringLiteral("n"), qint64(10), qint64(kMaxN), &n);
  f.integer(QStringLiteral("correctorSteps"), 1, kMaxCorrector, &s.correctorSteps);
  f.number(QStringLiteral("snr"), 0.01, 1.0, &s.snr);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  if (!f.finish()) {
    *error = f.error();
    return false;
  }
  s.n = n;
  s.seed = static_cast<std::uint64_t>(seed);
  const bool changed = !(s == m_settings);
  m_settings = s;
  syncControls();
  if (changed) {
    m_dirty = true;
    if (m_active) compute();
  }
  return true;
}

bool StepsPage::isBusy() const { return m_tracker->isBusy(); }

}  // namespace ds::ui
