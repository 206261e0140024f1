#include "ui/lessons/inpaint2d/inpaint2dcontrols.h"

#include "ui/lessons/inpaint2d/inpaint2ddocument.h"
#include "ui/lessons/inpaint2d/inpaint2dpresets.h"
#include "ui/lessons/inpaint2d/methodstyle.h"
#include "ui/widgets/plotstyle.h"
#include "ui/widgets/schedulecombo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

QSpinBox* spinBox(QWidget* parent, const char* name, int lo, int hi, int step, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(QLatin1String(name));
  box->setRange(lo, hi);
  box->setSingleStep(step);
  box->setKeyboardTracking(false);  // one committed edit = one new job
  box->setToolTip(tip);
  return box;
}

}  // namespace

Inpaint2DControls::Inpaint2DControls(Inpaint2DDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildDataBox());
  layout->addWidget(buildMethodsBox());
  layout->addWidget(buildSamplerBox());
  layout->addWidget(m_status);
  layout->addStretch(1);
  // Wrapped explanations need a width to wrap at; this keeps the column narrow enough for 1024×768.
  setMaximumWidth(300);
  showDocument();
  connectEdits();
  connect(m_doc, &Inpaint2DDocument::changed, this, &Inpaint2DControls::showDocument);
}

QWidget* Inpaint2DControls::buildDataBox() {
  auto* box = new QGroupBox(tr("Data and observation"), this);
  m_preset = new QComboBox(box);
  m_preset->setObjectName(QStringLiteral("preset"));
  for (const Inpaint2DPreset& p : inpaint2DPresets()) {
    m_preset->addItem(p.name);
    m_preset->setItemData(m_preset->count() - 1, p.description, Qt::ToolTipRole);
  }
  m_preset->setToolTip(tr("Ready-made set-ups: a 2-D mixture and the observation that makes its point."));
  m_spec = new QLineEdit(box);
  m_spec->setObjectName(QStringLiteral("spec"));
  m_spec->setToolTip(
      tr("The data mixture: components separated by ';', each weight:mx,my:std, e.g. "
         "0.9:-2,-2:0.4;0.1:2,2:0.4. Press Enter to apply."));
  m_apply = new QPushButton(tr("Apply"), box);
  m_apply->setObjectName(QStringLiteral("applySpec"));
  m_specError = new QLabel(box);
  m_specError->setObjectName(QStringLiteral("specError"));
  m_specError->setWordWrap(true);
  m_specError->setStyleSheet(QStringLiteral("color: #b00000;"));
  m_specError->hide();
  m_axis = new QComboBox(box);
  m_axis->setObjectName(QStringLiteral("observedAxis"));
  m_axis->addItem(tr("x₁ (fill in x₂)"));
  m_axis->addItem(tr("x₂ (fill in x₁)"));
  m_axis->setToolTip(tr("Which coordinate is known; the other one is inpainted."));
  m_value = new QDoubleSpinBox(box);
  m_value->setObjectName(QStringLiteral("value"));
  m_value->setRange(-20, 20);
  m_value->setDecimals(2);
  m_value->setSingleStep(0.1);
  m_value->setKeyboardTracking(false);
  m_value->setToolTip(tr("The observed value c (also: drag the dashed line on the plane)."));
  auto* specRow = new QHBoxLayout;
  specRow->addWidget(m_spec, 1);
  specRow->addWidget(m_apply);
  auto* form = new QFormLayout;
  form->addRow(tr("Observed"), m_axis);
  form->addRow(tr("Value c"), m_value);
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_preset);
  layout->addLayout(specRow);
  layout->addWidget(m_specError);
  layout->addLayout(form);
  return box;
}

QWidget* Inpaint2DControls::buildMethodsBox() {
  auto* box = new QGroupBox(tr("Methods"), this);
  auto* layout = new QVBoxLayout(box);
  for (InpaintMethod method : kInpaintMethods) {
    const size_t i = static_cast<size_t>(methodIndex(method));
    m_shown[i] = new QCheckBox(methodTitle(method), box);
    m_shown[i]->setObjectName(QStringLiteral("show_") + methodKey(method));
    m_shown[i]->setStyleSheet(
        QStringLiteral("QCheckBox { color: %1; font-weight: bold; }").arg(methodColor(method).name()));
    m_explain[i] = new QLabel(methodExplanation(method), box);
    m_explain[i]->setObjectName(QStringLiteral("explain_") + methodKey(method));
    m_explain[i]->setWordWrap(true);
    layout->addWidget(m_shown[i]);
    layout->addWidget(m_explain[i]);
    if (method == InpaintMethod::Repaint) {
      m_jump = spinBox(box, "jump", 1, kMaxInpaintJump, 1, tr("RePaint j: the length of a block, in sampler steps."));
      m_resample = spinBox(box, "resample", 1, kMaxInpaintResample, 1,
                           tr("RePaint r: each block is run r times in all (r = 1 is plain replacement)."));
      auto* row = new QHBoxLayout;
      row->addWidget(new QLabel(tr("j"), box));
      row->addWidget(m_jump);
      row->addWidget(new QLabel(tr("r"), box));
      row->addWidget(m_resample);
      row->addStretch(1);
      layout->addLayout(row);
    }
  }
  return box;
}

QWidget* Inpaint2DControls::buildSamplerBox() {
  auto* box = new QGroupBox(tr("Process and sampler"), this);
  m_scheduleKind = new QComboBox(box);
  m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
  fillScheduleKinds(m_scheduleKind);
  m_steps = spinBox(box, "steps", 10, 2000, 100, tr("T: the number of forward noising steps."));
  m_sampler = new QComboBox(box);
  m_sampler->setObjectName(QStringLiteral("sampler"));
  m_sampler->addItem(tr("DDPM"));
  m_sampler->addItem(tr("DDIM (η = 0)"));
  m_sampler->setToolTip(
      tr("The reverse sampler every method uses: DDPM (all T steps) or deterministic DDIM (S steps)."));
  m_ddimSteps = spinBox(box, "ddimSteps", 1, 2000, 10, tr("S: the number of DDIM steps."));
  m_samples =
      spinBox(box, "samples", 50, 50000, 500, tr("n: samples per method. The KS critical value shrinks as 1.63/√n."));
  m_seed = spinBox(box, "seed", 0, 999999, 1, tr("Random seed: every method starts from the same noise."));
  m_regenerate = new QPushButton(tr("Regenerate"), box);
  m_regenerate->setObjectName(QStringLiteral("regenerate"));
  m_regenerate->setToolTip(tr("Fresh noise (next seed) for every method."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Sampler"), m_sampler);
  form->addRow(tr("DDIM steps S"), m_ddimSteps);
  form->addRow(tr("Samples n"), m_samples);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(m_regenerate);
  return box;
}

void Inpaint2DControls::connectEdits() {
  connect(m_preset, &QComboBox::activated, this, [this](int index) {
    if (index >= 0 && index < static_cast<int>(inpaint2DPresets().size()))
      m_doc->applyPreset(inpaint2DPresets()[static_cast<size_t>(index)]);
  });
  connect(m_spec, &QLineEdit::returnPressed, this, &Inpaint2DControls::applySpec);
  connect(m_apply, &QPushButton::clicked, this, &Inpaint2DControls::applySpec);
  connect(m_axis, &QComboBox::currentIndexChanged, m_doc, &Inpaint2DDocument::setObservedDim);
  connect(m_value, &QDoubleSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setValue);
  for (size_t i = 0; i < m_shown.size(); ++i)
    connect(m_shown[i], &QCheckBox::toggled, this,
            [this, i](bool on) { m_doc->setMethodShown(static_cast<int>(i), on); });
  connect(m_jump, &QSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setJump);
  connect(m_resample, &QSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setResample);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_doc->setScheduleKind(scheduleKindAt(m_scheduleKind, index)); });
  connect(m_steps, &QSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setSteps);
  connect(m_sampler, &QComboBox::currentIndexChanged, this, [this](int index) { m_doc->setDdim(index == 1); });
  connect(m_ddimSteps, &QSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setDdimSteps);
  connect(m_samples, &QSpinBox::valueChanged, m_doc, &Inpaint2DDocument::setSamples);
  connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) { m_doc->setSeed(static_cast<std::uint64_t>(v)); });
  connect(m_regenerate, &QPushButton::clicked, this, [this] { m_doc->setSeed(m_doc->settings().seed + 1); });
}

bool Inpaint2DControls::applySpec() {
  QString error;
  if (!m_doc->setMixtureSpec(m_spec->text(), &error)) {
    m_specError->setText(tr("Not applied: %1").arg(error));  // the user's text stays, to be corrected
    m_specError->show();
    return false;
  }
  m_specError->hide();
  return true;
}

void Inpaint2DControls::showDocument() {
  const Inpaint2DSettings& s = m_doc->settings();
  const QSignalBlocker b1(m_axis), b2(m_value), b3(m_jump), b4(m_resample), b5(m_scheduleKind), b6(m_steps),
      b7(m_sampler), b8(m_ddimSteps), b9(m_samples), b10(m_seed);
  m_spec->setText(QString::fromStdString(s.mixture.toSpec()));
  m_spec->setCursorPosition(0);
  m_specError->hide();
  m_axis->setCurrentIndex(s.observedDim);
  m_value->setValue(s.value);
  for (size_t i = 0; i < m_shown.size(); ++i) {
    const QSignalBlocker block(m_shown[i]);
    m_shown[i]->setChecked(s.shown[i]);
  }
  m_jump->setValue(s.jump);
  m_resample->setValue(s.resample);
  m_jump->setEnabled(s.shown[1]);
  m_resample->setEnabled(s.shown[1]);
  selectScheduleKind(m_scheduleKind, s.scheduleKind);
  m_steps->setValue(s.steps);
  m_sampler->setCurrentIndex(s.ddim ? 1 : 0);
  m_ddimSteps->setValue(s.ddimSteps);
  m_ddimSteps->setEnabled(s.ddim);
  m_samples->setValue(s.n);
  m_seed->setValue(static_cast<int>(s.seed));
}

void Inpaint2DControls::setPresentationMode(bool on) {
  // 1.3× the window's font at the full presentation sizes, the window's font where presentation mode
  // comes down to the normal plot sizes (a 1280×800 screen at scale 1.5: there the 1.3× texts took
  // most of the column's height).
  const PlotStyle style{on};
  const double t = (style.factor() - PlotStyle::kMinFontScale) / (1.0 - PlotStyle::kMinFontScale);
  for (QLabel* label : m_explain) {
    QFont f = font();
    f.setPointSizeF(on ? f.pointSizeF() * (1.0 + 0.3 * t) : f.pointSizeF());
    label->setFont(f);
  }
}

void Inpaint2DControls::setStatus(const QString& html) { m_status->setText(html); }

}  // namespace ds::ui
