#include "ui/lessons/inpaint/inpaintcontrols.h"

#include "ui/lessons/images/imagescontrols.h"  // fashionClassName
#include "ui/lessons/inpaint/inpaintdocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

namespace {
constexpr int kTestPictures = 10000;  // the Fashion-MNIST test split
}

InpaintControls::InpaintControls(InpaintDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildPictureBox());
  layout->addWidget(buildMethodBox());
  m_run = new QPushButton(tr("Inpaint"), this);
  m_run->setObjectName(QStringLiteral("inpaintRun"));
  m_run->setToolTip(
      tr("Fill the white part of the mask with every chosen method, from the same seed and the same "
         "starting noise (Ctrl+Return)."));
  m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  connect(m_run, &QPushButton::clicked, this, &InpaintControls::runRequested);
  layout->addWidget(m_run);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("inpaintStatus"));
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::RichText);
  layout->addWidget(m_status);
  m_modelInfo = new QLabel(this);
  m_modelInfo->setObjectName(QStringLiteral("inpaintModelInfo"));
  m_modelInfo->setWordWrap(true);
  m_modelInfo->setTextFormat(Qt::RichText);
  layout->addWidget(buildSamplerBox());
  layout->addWidget(m_modelInfo);
  connect(m_doc, &InpaintDocument::settingsChanged, this, &InpaintControls::showDocument);
  connect(m_doc, &InpaintDocument::testIndexChanged, this, &InpaintControls::showDocument);
  showDocument();
}

QWidget* InpaintControls::buildPictureBox() {
  auto* box = new QGroupBox(tr("Test picture"), this);
  auto* row = new QHBoxLayout(box);
  m_testIndex = new QSpinBox(box);
  m_testIndex->setObjectName(QStringLiteral("inpaintTestIndex"));
  m_testIndex->setRange(0, kTestPictures - 1);
  m_testIndex->setPrefix(tr("No. "));
  m_testIndex->setToolTip(tr("Load this picture of the Fashion-MNIST test split (the mask is kept)."));
  auto* load = new QPushButton(tr("Load"), box);
  load->setObjectName(QStringLiteral("inpaintLoadTest"));
  connect(load, &QPushButton::clicked, this, [this] { Q_EMIT testPictureRequested(m_testIndex->value()); });
  auto* another = new QPushButton(tr("Another"), box);
  another->setObjectName(QStringLiteral("inpaintAnotherTest"));
  another->setToolTip(tr("A random test picture."));
  connect(another, &QPushButton::clicked, this,
          [this] { Q_EMIT testPictureRequested(int(QRandomGenerator::global()->bounded(kTestPictures))); });
  row->addWidget(m_testIndex, 1);
  row->addWidget(load);
  row->addWidget(another);
  return box;
}

QWidget* InpaintControls::buildMethodBox() {
  auto* box = new QGroupBox(tr("Methods"), this);
  auto* form = new QFormLayout(box);
  m_replace = new QCheckBox(tr("Replace"), box);
  m_replace->setObjectName(QStringLiteral("inpaintReplace"));
  m_replace->setToolTip(
      tr("The naive way (lecture 13:04): after every reverse step the kept part is overwritten by "
         "a noised copy of the picture, q(xₜ | x₀). The model only ever sees a hazy context."));
  m_repaint = new QCheckBox(tr("RePaint"), box);
  m_repaint->setObjectName(QStringLiteral("inpaintRepaint"));
  m_repaint->setToolTip(
      tr("Replace, plus resampling (Lugmayr et al. 2022): every block of j steps is redone r "
         "times, noised back up in between, so the filled part can agree with the context."));
  m_conditioned = new QCheckBox(tr("Conditioned model"), box);
  m_conditioned->setObjectName(QStringLiteral("inpaintConditioned"));
  m_conditioned->setToolTip(
      tr("The better way (lecture 13:30): a U-Net trained to fill in removed regions; it sees "
         "the clean kept pixels and the mask beside xₜ."));
  m_jump = new QSpinBox(box);
  m_jump->setObjectName(QStringLiteral("inpaintJump"));
  m_jump->setRange(1, 100);
  m_jump->setToolTip(tr("RePaint's jump length j, in sampler steps."));
  m_resample = new QSpinBox(box);
  m_resample->setObjectName(QStringLiteral("inpaintResample"));
  m_resample->setRange(1, 20);
  m_resample->setToolTip(tr("RePaint's r: each block is run r times in all (r = 1 is plain replacement)."));
  form->addRow(m_replace);
  form->addRow(m_repaint);
  form->addRow(tr("  jump j"), m_jump);
  form->addRow(tr("  resample r"), m_resample);
  form->addRow(m_conditioned);
  for (QCheckBox* c : {m_replace, m_repaint, m_conditioned})
    connect(c, &QCheckBox::toggled, this, &InpaintControls::edit);
  for (QSpinBox* s : {m_jump, m_resample}) connect(s, &QSpinBox::valueChanged, this, &InpaintControls::edit);
  return box;
}

QWidget* InpaintControls::buildSamplerBox() {
  auto* box = new QGroupBox(tr("Sampler"), this);
  auto* form = new QFormLayout(box);
  m_sampler = new QComboBox(box);
  m_sampler->setObjectName(QStringLiteral("inpaintSampler"));
  m_sampler->addItem(tr("DDIM"), int(SamplerKind::Ddim));
  m_sampler->addItem(tr("DDPM (all T steps)"), int(SamplerKind::Ddpm));
  m_steps = new QSpinBox(box);
  m_steps->setObjectName(QStringLiteral("inpaintSteps"));
  m_steps->setRange(2, 1000);
  m_steps->setToolTip(tr("DDIM steps S."));
  m_eta = new QDoubleSpinBox(box);
  m_eta->setObjectName(QStringLiteral("inpaintEta"));
  m_eta->setRange(0, 1);
  m_eta->setSingleStep(0.1);
  m_eta->setToolTip(tr("DDIM's η: 1 keeps the chain stochastic (as replacement assumes), 0 is deterministic."));
  m_n = new QSpinBox(box);
  m_n->setObjectName(QStringLiteral("inpaintCount"));
  m_n->setRange(1, 8);
  m_n->setToolTip(tr("Fills per method: different noise, the same picture and mask."));
  m_seed = new QSpinBox(box);
  m_seed->setObjectName(QStringLiteral("inpaintSeed"));
  m_seed->setRange(0, 999999);
  m_seed->setToolTip(tr("The same seed gives the same starting noise for every method."));
  m_class = new QComboBox(box);
  m_class->setObjectName(QStringLiteral("inpaintClass"));
  m_class->addItem(tr("none (unconditional)"), -1);
  for (int c = 0; c < 10; ++c) m_class->addItem(fashionClassName(c), c);
  m_class->setToolTip(tr("Ask the models for a class, or leave the context alone to decide."));
  form->addRow(tr("Sampler"), m_sampler);
  form->addRow(tr("DDIM steps"), m_steps);
  form->addRow(tr("DDIM η"), m_eta);
  form->addRow(tr("Fills"), m_n);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Class"), m_class);
  connect(m_sampler, &QComboBox::currentIndexChanged, this, &InpaintControls::edit);
  connect(m_class, &QComboBox::currentIndexChanged, this, &InpaintControls::edit);
  for (QSpinBox* s : {m_steps, m_n, m_seed}) connect(s, &QSpinBox::valueChanged, this, &InpaintControls::edit);
  connect(m_eta, &QDoubleSpinBox::valueChanged, this, &InpaintControls::edit);
  return box;
}

void InpaintControls::edit() {
  if (m_updating) return;
  InpaintSettings s = m_doc->settings();
  s.replace = m_replace->isChecked();
  s.repaint = m_repaint->isChecked();
  s.conditioned = m_conditioned->isChecked();
  s.jump = m_jump->value();
  s.resample = m_resample->value();
  s.sampler = SamplerKind(m_sampler->currentData().toInt());
  s.samplingSteps = m_steps->value();
  s.eta = m_eta->value();
  s.n = m_n->value();
  s.seed = std::uint64_t(m_seed->value());
  s.label = m_class->currentData().toInt();
  m_doc->setSettings(s);
}

void InpaintControls::showDocument() {
  m_updating = true;
  const InpaintSettings& s = m_doc->settings();
  m_replace->setChecked(s.replace);
  m_repaint->setChecked(s.repaint);
  m_conditioned->setChecked(s.conditioned);
  m_jump->setValue(s.jump);
  m_resample->setValue(s.resample);
  m_jump->setEnabled(s.repaint);
  m_resample->setEnabled(s.repaint);
  m_sampler->setCurrentIndex(m_sampler->findData(int(s.sampler)));
  m_steps->setValue(s.samplingSteps);
  m_eta->setValue(s.eta);
  m_steps->setEnabled(s.sampler == SamplerKind::Ddim);
  m_eta->setEnabled(s.sampler == SamplerKind::Ddim);
  m_n->setValue(s.n);
  m_seed->setValue(int(s.seed));
  m_class->setCurrentIndex(std::max(0, m_class->findData(s.label)));
  if (m_doc->testIndex() >= 0) m_testIndex->setValue(m_doc->testIndex());
  m_run->setEnabled(!s.methods().empty());
  m_updating = false;
}

void InpaintControls::setStatus(const QString& html) { m_status->setText(html); }
void InpaintControls::setModelInfo(const QString& html) { m_modelInfo->setText(html); }

}  // namespace ds::ui
