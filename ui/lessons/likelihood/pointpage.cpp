#include "ui/lessons/likelihood/pointpage.h"

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessonfile.h"
#include "ui/lessons/likelihood/pointview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
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
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

constexpr double kX0Limit = 1000.0;  // |coordinate| of x₀ accepted from an edit or a file
constexpr int kMaxCopies = 1024;
constexpr int kMaxHeunSteps = 1000;

QString solverName(OdeSolver s) { return QString::fromStdString(toString(s)); }

bool parseTolerance(const QString& text, double* out) {
  bool ok = false;
  const double v = text.trimmed().toDouble(&ok);
  if (!ok || !(v > 0.0 && v <= 0.1)) return false;
  *out = v;
  return true;
}

}  // namespace

PointPage::PointPage(ComputeContext* context, QWidget* parent) : LikelihoodPanel(parent), m_context(context) {
  setObjectName(QStringLiteral("pointPage"));
  m_tracker = new JobTracker(context, this);
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  connect(m_debounce, &QTimer::timeout, this, &PointPage::compute);

  m_view = new PointView(this);
  m_view->setObjectName(QStringLiteral("pointView"));
  connect(m_view, &PointView::pointPicked, this, [this](const std::vector<double>& x0) {
    m_x0 = x0;
    m_view->setX0(x0);
    syncControls();
    m_dirty = true;
    schedule(120);  // a drag sends many points; compute the one it rests on
  });

  m_table = new QTableWidget(RowCount, 3, this);
  m_table->setObjectName(QStringLiteral("nllTable"));
  m_table->setHorizontalHeaderLabels({tr("nats"), tr("± std. error"), tr("bits/dim")});
  m_table->setVerticalHeaderLabels(
      {tr("exact −log q(x₀)"), tr("ODE, prior N(0, I)"), tr("ODE, exact prior q(x_T)"), tr("VLB (mean of M copies)")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("pointSummary"));
  m_summary->setWordWrap(true);
  m_summary->setTextFormat(Qt::RichText);

  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("pointProgress"));
  m_progress->setRange(0, 1000);
  m_progress->setTextVisible(false);
  m_progress->setMaximumHeight(14);
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName(QStringLiteral("pointCancel"));
  m_cancel->setEnabled(false);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("pointStatus"));
  // Wrapped: an unbroken status line would set the page's minimum width (the page then scrolls
  // sideways at presentation size on a 1024×768 screen).
  m_status->setWordWrap(true);
  connect(m_cancel, &QPushButton::clicked, m_tracker, &JobTracker::cancel);
  connect(m_tracker, &JobTracker::progress, this, [this](quint64, qint64 step, qint64 total) {
    m_progress->setValue(total > 0 ? static_cast<int>(1000 * step / total) : 0);
  });
  connect(m_tracker, &JobTracker::busyChanged, this, [this](bool busy) {
    m_cancel->setEnabled(busy);
    if (busy) m_status->setText(tr("Computing…"));
  });
  connect(m_tracker, &JobTracker::cancelled, this, [this](quint64 id) {
    // The newest job was cancelled (Cancel), not superseded by a newer one.
    if (id == m_tracker->currentJobId()) {
      m_status->setText(tr("Cancelled; change a setting or click to compute again."));
      m_progress->setValue(0);
      m_dirty = true;
    }
  });
  connect(m_tracker, &JobTracker::failed, this, [this](quint64, const QString& message) {
    m_status->setText(tr("Failed: %1").arg(message));
    Q_EMIT statusMessage(tr("Point NLL: %1").arg(message));
  });

  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(m_status, 1);
  progressRow->addWidget(m_progress, 1);
  progressRow->addWidget(m_cancel);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_table);
  layout->addWidget(m_summary);
  layout->addLayout(progressRow);

  buildControls();
  restyle();
}

PointPage::~PointPage() { m_tracker->cancelAndWait(); }

void PointPage::buildControls() {
  m_controls = new QWidget;
  m_controls->setObjectName(QStringLiteral("pointControls"));
  auto* form = new QFormLayout(m_controls);
  form->setContentsMargins(0, 0, 0, 0);

  m_solver = new QComboBox(m_controls);
  m_solver->setObjectName(QStringLiteral("pointSolver"));
  m_solver->addItem(tr("Adaptive (Dormand–Prince)"), solverName(OdeSolver::Adaptive));
  m_solver->addItem(tr("Heun, N steps"), solverName(OdeSolver::Heun));
  m_solver->setToolTip(tr("The ODE solver for the NLL, the encoding x₀ → x_T and the decoding back."));
  form->addRow(tr("ODE solver"), m_solver);
  m_heunSteps = new QSpinBox(m_controls);
  m_heunSteps->setObjectName(QStringLiteral("pointHeunSteps"));
  m_heunSteps->setRange(1, kMaxHeunSteps);
  m_heunSteps->setToolTip(tr("Heun steps (at most T)."));
  form->addRow(tr("Heun steps N"), m_heunSteps);
  m_rtol = new QLineEdit(m_controls);
  m_rtol->setObjectName(QStringLiteral("pointRtol"));
  m_atol = new QLineEdit(m_controls);
  m_atol->setObjectName(QStringLiteral("pointAtol"));
  auto* tolRow = new QHBoxLayout;
  tolRow->addWidget(m_rtol);
  tolRow->addWidget(m_atol);
  m_rtol->setToolTip(tr("Adaptive solver: relative tolerance, in (0, 0.1]."));
  m_atol->setToolTip(tr("Adaptive solver: absolute tolerance, in (0, 0.1]."));
  form->addRow(tr("rtol / atol"), tolRow);
  m_copies = new QSpinBox(m_controls);
  m_copies->setObjectName(QStringLiteral("pointCopies"));
  m_copies->setRange(2, kMaxCopies);
  m_copies->setToolTip(
      tr("The VLB is a random estimate (one x_t draw per t); it is averaged over M copies of x₀ for a mean and "
         "a standard error."));
  form->addRow(tr("VLB copies M"), m_copies);
  m_paths = new QSpinBox(m_controls);
  m_paths->setObjectName(QStringLiteral("pointDdpmPaths"));
  m_paths->setRange(1, PointView::kMaxDdpmPaths);
  form->addRow(tr("DDPM paths"), m_paths);
  m_seed = new QSpinBox(m_controls);
  m_seed->setObjectName(QStringLiteral("pointSeed"));
  m_seed->setRange(0, 999999);
  form->addRow(tr("Seed"), m_seed);
  m_xEdit = new QDoubleSpinBox(m_controls);
  m_xEdit->setObjectName(QStringLiteral("pointX"));
  m_yEdit = new QDoubleSpinBox(m_controls);
  m_yEdit->setObjectName(QStringLiteral("pointY"));
  for (QDoubleSpinBox* e : {m_xEdit, m_yEdit}) {
    e->setRange(-kX0Limit, kX0Limit);
    e->setDecimals(3);
    e->setSingleStep(0.1);
    e->setKeyboardTracking(false);
  }
  form->addRow(tr("x₀ (x₁)"), m_xEdit);
  m_yLabel = new QLabel(tr("x₀ (x₂)"), m_controls);
  form->addRow(m_yLabel, m_yEdit);
  m_controlMessage = new QLabel(m_controls);
  m_controlMessage->setObjectName(QStringLiteral("pointControlMessage"));
  m_controlMessage->setWordWrap(true);
  m_controlMessage->setStyleSheet(QStringLiteral("color: #b00000"));
  form->addRow(m_controlMessage);

  syncControls();
  connect(m_solver, &QComboBox::currentIndexChanged, this, &PointPage::settingsEdited);
  for (QSpinBox* s : {m_heunSteps, m_copies, m_paths, m_seed})
    connect(s, &QSpinBox::valueChanged, this, &PointPage::settingsEdited);
  for (QLineEdit* e : {m_rtol, m_atol}) connect(e, &QLineEdit::editingFinished, this, &PointPage::settingsEdited);
  for (QDoubleSpinBox* e : {m_xEdit, m_yEdit}) {
    connect(e, &QDoubleSpinBox::valueChanged, this, [this] {
      std::vector<double> x0{m_xEdit->value()};
      if (m_x0.size() == 2) x0.push_back(m_yEdit->value());
      setX0(x0);
    });
  }
}

QWidget* PointPage::controls() { return m_controls; }

// Widgets → settings; a bad tolerance is refused with a message and the old value comes back.
void PointPage::settingsEdited() {
  PointSettings s = m_settings;
  s.solver = m_solver->currentIndex() == 1 ? OdeSolver::Heun : OdeSolver::Adaptive;
  s.heunSteps = m_heunSteps->value();
  s.vlbCopies = m_copies->value();
  s.ddpmPaths = m_paths->value();
  s.seed = static_cast<std::uint64_t>(m_seed->value());
  QString message;
  if (!parseTolerance(m_rtol->text(), &s.rtol)) message = tr("rtol must be a number in (0, 0.1].");
  if (!parseTolerance(m_atol->text(), &s.atol)) message = tr("atol must be a number in (0, 0.1].");
  m_controlMessage->setText(message);
  if (!message.isEmpty()) {
    Q_EMIT statusMessage(message);
    s.rtol = m_settings.rtol;
    s.atol = m_settings.atol;
  }
  if (m_setup && s.solver == OdeSolver::Heun && s.heunSteps > m_setup->schedule.steps) {
    m_controlMessage->setText(tr("Heun steps must be at most T = %1.").arg(m_setup->schedule.steps));
    s.heunSteps = m_settings.heunSteps;
  }
  m_heunSteps->setEnabled(s.solver == OdeSolver::Heun);
  m_rtol->setEnabled(s.solver == OdeSolver::Adaptive);
  m_atol->setEnabled(s.solver == OdeSolver::Adaptive);
  const bool changed = !(s == m_settings);
  m_settings = s;
  syncControls();
  if (changed) {
    m_dirty = true;
    schedule(250);
  }
}

void PointPage::syncControls() {
  if (!m_controls) return;
  const QSignalBlocker b1(m_solver), b2(m_heunSteps), b3(m_copies), b4(m_paths), b5(m_seed), b6(m_xEdit), b7(m_yEdit);
  m_solver->setCurrentIndex(m_settings.solver == OdeSolver::Heun ? 1 : 0);
  m_heunSteps->setValue(m_settings.heunSteps);
  m_rtol->setText(QString::number(m_settings.rtol, 'g', 3));
  m_atol->setText(QString::number(m_settings.atol, 'g', 3));
  m_copies->setValue(m_settings.vlbCopies);
  m_paths->setValue(m_settings.ddpmPaths);
  m_seed->setValue(static_cast<int>(m_settings.seed));
  if (!m_x0.empty()) m_xEdit->setValue(m_x0[0]);
  if (m_x0.size() == 2) m_yEdit->setValue(m_x0[1]);
  m_yEdit->setVisible(m_x0.size() == 2);
  m_yLabel->setVisible(m_x0.size() == 2);
  m_heunSteps->setEnabled(m_settings.solver == OdeSolver::Heun);
  m_rtol->setEnabled(m_settings.solver == OdeSolver::Adaptive);
  m_atol->setEnabled(m_settings.solver == OdeSolver::Adaptive);
}

std::vector<double> PointPage::defaultX0() const {
  // The heaviest component's mean: a point where the data is.
  const auto& comps = m_setup->mixture.components();
  const auto it =
      std::max_element(comps.begin(), comps.end(),
                       [](const GaussianComponent& a, const GaussianComponent& b) { return a.weight < b.weight; });
  return it->mean;
}

void PointPage::setSetup(const LikelihoodSetup& setup) {
  const bool sameDim = m_setup && m_setup->dim() == setup.dim();
  m_setup = setup;
  if (!sameDim || m_x0.size() != static_cast<size_t>(setup.dim())) m_x0 = defaultX0();
  if (m_settings.heunSteps > setup.schedule.steps) m_settings.heunSteps = setup.schedule.steps;
  syncControls();
  m_view->setX0(m_x0);
  m_dirty = true;
  if (m_active) schedule(0);
}

void PointPage::setX0(const std::vector<double>& x0) {
  if (!m_setup || x0.size() != static_cast<size_t>(m_setup->dim())) return;
  for (double v : x0)
    if (!std::isfinite(v) || std::abs(v) > kX0Limit) return;
  if (x0 == m_x0) return;
  m_x0 = x0;
  m_view->setX0(m_x0);
  syncControls();
  m_dirty = true;
  schedule(120);
}

void PointPage::setActive(bool active) {
  m_active = active;
  if (active && m_dirty) schedule(0);
  if (!active) m_debounce->stop();
}

void PointPage::schedule(int delayMs) {
  if (!m_active || !m_setup) return;
  m_debounce->start(delayMs);
}

void PointPage::compute() {
  if (!m_setup || !m_active) return;
  PointRequest request;
  request.setup = *m_setup;
  request.x0 = m_x0;
  request.settings = m_settings;
  request.device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  m_dirty = false;
  m_progress->setValue(0);
  m_tracker->submit<PointResult>(
      tr("Point NLL and paths"),
      [request](const ProgressFn& progress, const CancelToken& cancel) { return runPoint(request, progress, cancel); },
      [this](std::shared_ptr<const PointResult> result) { showResult(std::move(result)); },
      [this](const QString&) { m_dirty = true; });
}

void PointPage::showResult(std::shared_ptr<const PointResult> result) {
  m_result = std::move(result);
  m_view->setResult(m_result);
  m_view->setTimestep(m_t);
  showTable();
  m_progress->setValue(1000);
  m_status->setText(tr("%1 denoiser evaluations in the ODE NLL").arg(m_result->odeEvaluations));
}

void PointPage::showTable() {
  const PointResult& r = *m_result;
  auto set = [&](int row, int col, double v, int precision) {
    auto* item = new QTableWidgetItem(std::isfinite(v) ? QString::number(v, 'f', precision) : QStringLiteral("—"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, col, item);
  };
  auto rowOf = [&](int row, double nats, double se) {
    set(row, 0, nats, 4);
    set(row, 1, se, 4);
    set(row, 2, r.bitsPerDim(nats), 4);
  };
  rowOf(RowExact, r.exactNats, std::nan(""));
  rowOf(RowOde, r.odeNats, std::nan(""));
  rowOf(RowOdeExactPrior, r.odeExactPriorNats, std::nan(""));
  rowOf(RowVlb, r.vlbMean, r.vlbStdError);
  m_table->item(RowOdeExactPrior, 0)
      ->setToolTip(
          r.learned ? tr("Needs the exact denoiser: a learned model has no exact q(x_T).")
                    : tr("The ODE with the diffused data q(x_T) as its prior instead of N(0, I): what is left is the "
                         "solver's error alone."));
  m_table->item(RowVlb, 0)->setToolTip(tr("L₀ %1, Σ Lₜ₋₁ %2, L_T %3 nats (means over M = %4 copies)")
                                           .arg(r.vlbL0, 0, 'f', 4)
                                           .arg(r.vlbLMid, 0, 'f', 4)
                                           .arg(r.vlbLT, 0, 'f', 4)
                                           .arg(r.vlbCopies));
  fitTable();

  QStringList lines;
  const double gap = r.vlbMean - r.exactNats;
  lines << tr("<b>Order:</b> exact %1 ≤ VLB %2 ± %3 nats: the bound is %4 nats above (L₀ %5, Σ Lₜ₋₁ %6, "
              "L_T %7).")
               .arg(r.exactNats, 0, 'f', 3)
               .arg(r.vlbMean, 0, 'f', 3)
               .arg(r.vlbStdError, 0, 'f', 3)
               .arg(gap, 0, 'f', 3)
               .arg(r.vlbL0, 0, 'f', 3)
               .arg(r.vlbLMid, 0, 'f', 3)
               .arg(r.vlbLT, 0, 'f', 3);
  if (r.learned) {
    lines << tr("Denoiser: %1. The ODE and the VLB are this model's NLL; the exact row is the data's, so the "
                "differences include the model's error.")
                 .arg(r.denoiserLabel.toHtmlEscaped());
  } else {
    lines << tr("The ODE with the N(0, I) prior also carries the mismatch between q(x_T) and N(0, I); with the exact "
                "prior q(x_T) only the solver's error is left (%1 nats).")
                 .arg(r.odeExactPriorNats - r.exactNats, 0, 'e', 1);
  }
  lines << tr("<b>Paths:</b> x₀ encoded along the ODE to x_T (yellow square), decoded back to within %1 of x₀ "
              "(deterministic); %2 DDPM chains from the same x_T end elsewhere (stochastic).")
               .arg(r.roundTripError, 0, 'e', 1)
               .arg(r.ddpm.size());
  m_summary->setText(lines.join(QStringLiteral("<br>")));
}

void PointPage::setTimestep(int t) {
  m_t = t;
  m_view->setTimestep(t);
}

void PointPage::setPresentationMode(bool on) {
  m_style.presentation = on;
  restyle();
}

void PointPage::fitTable() {
  m_table->resizeRowsToContents();
  // Exactly the header and the four rows: no blank strip under the last row (AdjustToContents
  // alone keeps room for a horizontal scroll bar; the stretched columns never need one).
  int h = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
  for (int row = 0; row < m_table->rowCount(); ++row) h += m_table->rowHeight(row);
  m_table->setFixedHeight(h);
}

void PointPage::restyle() {
  m_view->setStyle(m_style);
  QFont f = font();
  f.setPointSizeF(m_style.presentation ? 12.0 : 9.0);
  m_table->setFont(f);
  m_table->horizontalHeader()->setFont(f);
  m_table->verticalHeader()->setFont(f);
  m_summary->setFont(f);
  fitTable();
}

bool PointPage::exportCsv(const QString& path, QString* error) const {
  if (!m_result) {
    *error = tr("There are no paths yet: let the page compute first.");
    return false;
  }
  const PointResult& r = *m_result;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  QTextStream out(&file);
  out << (r.dim == 2 ? "path,t,x,y\n" : "path,t,x\n");
  auto write = [&](const QString& name, const PointPath& p) {
    for (int i = 0; i < p.size(); ++i) {
      out << name << ',' << QString::number(p.times[static_cast<size_t>(i)], 'g', 8);
      for (int d = 0; d < r.dim; ++d) out << ',' << QString::number(p.x[static_cast<size_t>(i) * r.dim + d], 'g', 8);
      out << '\n';
    }
  };
  write(QStringLiteral("ode_encode"), r.encode);
  write(QStringLiteral("ode_decode"), r.decode);
  for (size_t k = 0; k < r.ddpm.size(); ++k) write(QStringLiteral("ddpm%1").arg(k + 1), r.ddpm[k]);
  out.flush();
  if (!file.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QJsonObject PointPage::saveState() const {
  QJsonObject o;
  o[QStringLiteral("solver")] = solverName(m_settings.solver);
  o[QStringLiteral("heunSteps")] = m_settings.heunSteps;
  o[QStringLiteral("rtol")] = m_settings.rtol;
  o[QStringLiteral("atol")] = m_settings.atol;
  o[QStringLiteral("vlbCopies")] = m_settings.vlbCopies;
  o[QStringLiteral("ddpmPaths")] = m_settings.ddpmPaths;
  o[QStringLiteral("seed")] = static_cast<qint64>(m_settings.seed);
  QJsonArray x0;
  for (double v : m_x0) x0.append(v);
  o[QStringLiteral("x0")] = x0;
  return o;
}

bool PointPage::applyState(const QJsonObject& state, QString* error) {
  JsonFields f(state, QStringLiteral("pages.point"));
  PointSettings s = m_settings;
  QString solver = solverName(s.solver);
  qint64 seed = static_cast<qint64>(s.seed);
  QJsonArray x0Array;
  f.choice(QStringLiteral("solver"), {solverName(OdeSolver::Adaptive), solverName(OdeSolver::Heun)}, &solver);
  f.integer(QStringLiteral("heunSteps"), 1, kMaxHeunSteps, &s.heunSteps);
  f.number(QStringLiteral("rtol"), 1e-12, 0.1, &s.rtol);
  f.number(QStringLiteral("atol"), 1e-12, 0.1, &s.atol);
  f.integer(QStringLiteral("vlbCopies"), 2, kMaxCopies, &s.vlbCopies);
  f.integer(QStringLiteral("ddpmPaths"), 1, PointView::kMaxDdpmPaths, &s.ddpmPaths);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  std::vector<double> x0 = m_x0;
  if (f.array(QStringLiteral("x0"), 2, &x0Array) && f.has(QStringLiteral("x0"))) {
    x0.clear();
    for (const QJsonValue& v : x0Array) {
      if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::abs(v.toDouble()) > kX0Limit) {
        f.fail(tr("“%1” must hold 1 or 2 numbers of at most %2 in size.")
                   .arg(f.where(QStringLiteral("x0")))
                   .arg(kX0Limit));
        break;
      }
      x0.push_back(v.toDouble());
    }
    if (x0.empty()) f.fail(tr("“%1” must hold 1 or 2 numbers.").arg(f.where(QStringLiteral("x0"))));
  }
  if (!f.finish()) {
    *error = f.error();
    return false;
  }
  s.solver = parseOdeSolver(solver.toStdString());
  s.seed = static_cast<std::uint64_t>(seed);
  m_settings = s;
  // A point of another dimension than the current data is replaced by the data's default.
  if (m_setup && x0.size() != static_cast<size_t>(m_setup->dim())) x0 = defaultX0();
  m_x0 = x0;
  syncControls();
  m_view->setX0(m_x0);
  m_dirty = true;
  schedule(0);
  return true;
}

bool PointPage::isBusy() const { return m_tracker->isBusy() || m_debounce->isActive(); }

}  // namespace ds::ui
