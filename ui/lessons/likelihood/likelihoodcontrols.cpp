#include "ui/lessons/likelihood/likelihoodcontrols.h"

#include "ui/lessons/likelihood/likelihooddocument.h"
#include "ui/widgets/denoiserbox.h"
#include "ui/widgets/schedulecombo.h"

#include <QComboBox>
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

// Shows the index-th widget of the container's layout and hides the others: hidden widgets take no
// room, so the column is as tall as what it shows (a QStackedWidget would keep the tallest page's
// minimum height).
void showOnly(QWidget* container, int index) {
  QLayout* layout = container->layout();
  if (index < 0 || index >= layout->count()) return;
  for (int i = 0; i < layout->count(); ++i)
    if (QWidget* w = layout->itemAt(i)->widget()) w->setVisible(i == index);
}

QWidget* column(QWidget* parent, const char* name) {
  auto* w = new QWidget(parent);
  w->setObjectName(QLatin1String(name));
  auto* layout = new QVBoxLayout(w);
  layout->setContentsMargins(0, 0, 0, 0);
  return w;
}

}  // namespace

LikelihoodControls::LikelihoodControls(LikelihoodDocument* document, QWidget* parent)
    : QWidget(parent), m_doc(document) {
  m_denoiser1 = new DenoiserBox(1, this);
  m_denoiser1->setObjectName(QStringLiteral("denoiser1d"));
  m_denoiser2 = new DenoiserBox(2, this);
  m_denoiser2->setObjectName(QStringLiteral("denoiser2d"));
  // Only the box of the data's dimension is shown, and only the current page's controls.
  m_denoisers = column(this, "denoisers");
  m_denoisers->layout()->addWidget(m_denoiser1);
  m_denoisers->layout()->addWidget(m_denoiser2);
  m_pages = column(this, "pageControls");

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildDataBox());
  layout->addWidget(buildProcessBox());
  layout->addWidget(m_denoisers);
  layout->addWidget(m_pages);
  layout->addStretch(1);
  // Wrapped explanations need a width to wrap at; this keeps the column narrow enough for 1024×768.
  setMaximumWidth(300);
  showDocument();
  connectEdits();
  connect(m_doc, &LikelihoodDocument::changed, this, &LikelihoodControls::showDocument);
}

QWidget* LikelihoodControls::buildDataBox() {
  auto* box = new QGroupBox(tr("Data q(x₀)"), this);
  box->setObjectName(QStringLiteral("dataBox"));
  box->setToolTip(
      tr("The data distribution: a Gaussian mixture in 1-D or 2-D, whose exact density q(x₀) "
         "the likelihoods are compared with."));
  m_preset = new QComboBox(box);
  m_preset->setObjectName(QStringLiteral("preset"));
  for (const LikelihoodPreset& p : likelihoodPresets()) {
    m_preset->addItem(p.name);
    m_preset->setItemData(m_preset->count() - 1, p.description, Qt::ToolTipRole);
  }
  m_preset->setToolTip(tr("Ready-made data: the lecture's 1-D example and the 2-D lesson's mixtures."));
  m_spec = new QLineEdit(box);
  m_spec->setObjectName(QStringLiteral("spec"));
  m_spec->setToolTip(
      tr("The data mixture: components separated by ';', each weight:mean:std with a 1-D mean m or a 2-D "
         "mean mx,my, e.g. 0.5:-2:0.4;0.5:2:0.4 or 0.3:1,1:0.2;0.7:-1,0:0.5. Press Enter to apply."));
  m_apply = new QPushButton(tr("Apply"), box);
  m_apply->setObjectName(QStringLiteral("applySpec"));
  m_apply->setToolTip(tr("Use the mixture typed above (a bad spec is reported here and changes nothing)."));
  m_specError = new QLabel(box);
  m_specError->setObjectName(QStringLiteral("specError"));
  m_specError->setWordWrap(true);
  m_specError->setStyleSheet(QStringLiteral("color: #b00000;"));
  m_specError->hide();
  m_dimLabel = new QLabel(box);
  m_dimLabel->setObjectName(QStringLiteral("dataSummary"));
  m_dimLabel->setWordWrap(true);
  auto* specRow = new QHBoxLayout;
  specRow->addWidget(m_spec, 1);
  specRow->addWidget(m_apply);
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_preset);
  layout->addLayout(specRow);
  layout->addWidget(m_specError);
  layout->addWidget(m_dimLabel);
  return box;
}

QWidget* LikelihoodControls::buildProcessBox() {
  auto* box = new QGroupBox(tr("Forward process q"), this);
  box->setObjectName(QStringLiteral("processBox"));
  m_scheduleKind = new QComboBox(box);
  m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
  fillScheduleKinds(m_scheduleKind);
  m_scheduleKind->setToolTip(tr("Variance schedule β₁…β_T: how much noise each forward step q(xₜ | xₜ₋₁) adds."));
  m_steps = new QSpinBox(box);
  m_steps->setObjectName(QStringLiteral("steps"));
  m_steps->setRange(LikelihoodDocument::kMinSteps, LikelihoodDocument::kMaxSteps);
  m_steps->setSingleStep(100);
  m_steps->setKeyboardTracking(false);  // one committed edit = one new job
  m_steps->setToolTip(
      tr("T: the number of forward steps, and of the reverse steps' terms Lₜ₋₁ (t = 1…T) in the bound."));
  m_lockNote = new QLabel(box);
  m_lockNote->setObjectName(QStringLiteral("lockNote"));
  m_lockNote->setWordWrap(true);
  m_lockNote->setText(
      tr("<i>Locked: the learned model was trained on this data and schedule. Switch the denoiser back to "
         "exact to edit.</i>"));
  m_lockNote->hide();
  auto* form = new QFormLayout(box);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(m_lockNote);
  return box;
}

void LikelihoodControls::connectEdits() {
  connect(m_preset, &QComboBox::activated, this, [this](int index) {
    if (index >= 0 && index < static_cast<int>(likelihoodPresets().size()))
      m_doc->applyPreset(likelihoodPresets()[static_cast<size_t>(index)]);
  });
  connect(m_spec, &QLineEdit::returnPressed, this, &LikelihoodControls::applySpec);
  connect(m_apply, &QPushButton::clicked, this, &LikelihoodControls::applySpec);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_doc->setScheduleKind(scheduleKindAt(m_scheduleKind, index)); });
  connect(m_steps, &QSpinBox::valueChanged, m_doc, &LikelihoodDocument::setSteps);
  for (DenoiserBox* box : {m_denoiser1, m_denoiser2}) {
    connect(box, &DenoiserBox::changed, this, [this, box] { adoptDenoiser(box); });
    connect(box, &DenoiserBox::modelUpdated, this, [this, box] { adoptDenoiser(box); });
  }
}

void LikelihoodControls::adoptDenoiser(DenoiserBox* box) {
  // Only the shown box speaks: the hidden one may still report the model coming and going.
  if (box != (m_doc->setup().dim() == 1 ? m_denoiser1 : m_denoiser2)) return;
  m_doc->setLearned(box->isLearned() ? box->model() : nullptr, box->mixture());
}

bool LikelihoodControls::applySpec() {
  QString error;
  if (!m_doc->setMixtureSpec(m_spec->text(), &error)) {
    m_specError->setText(tr("Not applied: %1").arg(error));  // the user's text stays, to be corrected
    m_specError->show();
    return false;
  }
  m_specError->hide();
  return true;
}

void LikelihoodControls::showDocument() {
  const LikelihoodSetup& setup = m_doc->setup();
  const QSignalBlocker b1(m_scheduleKind), b2(m_steps);
  m_spec->setText(QString::fromStdString(setup.mixture.toSpec()));
  m_spec->setCursorPosition(0);
  m_specError->hide();
  m_dimLabel->setText(tr("%1-D, %n component(s)", "", setup.mixture.size()).arg(setup.dim()));
  selectScheduleKind(m_scheduleKind, setup.schedule.kind);
  m_steps->setValue(setup.schedule.steps);
  showOnly(m_denoisers, setup.dim() == 1 ? 0 : 1);
  // The comparison only means something on the data and forward process the model was trained for.
  const bool locked = m_doc->isLocked();
  for (QWidget* w : std::initializer_list<QWidget*>{m_preset, m_spec, m_apply, m_scheduleKind, m_steps})
    w->setEnabled(!locked);
  m_lockNote->setVisible(locked);
}

void LikelihoodControls::addPageControls(QWidget* controls) {
  QWidget* w = controls ? controls : new QWidget;
  // A page's lists are not as wide as their longest item ("Adaptive (Dormand–Prince)"): at
  // presentation size that would widen the column and squeeze the page beside it.
  for (QComboBox* list : w->findChildren<QComboBox*>()) {
    list->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    list->setMinimumContentsLength(10);
  }
  // A row too wide for the column puts its field under its label instead of widening the column.
  for (QFormLayout* form : w->findChildren<QFormLayout*>()) form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  m_pages->layout()->addWidget(w);
  w->setVisible(m_pages->layout()->count() == 1);
}

void LikelihoodControls::setCurrentPage(int index) { showOnly(m_pages, index); }

DenoiserBox* LikelihoodControls::denoiserBox(int dim) const { return dim == 1 ? m_denoiser1 : m_denoiser2; }

}  // namespace ds::ui
