#include "ui/lessons/mixture1d/mixturetable.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ds::ui {

namespace {
constexpr int kMaxComponents = 8;
}

MixtureTable::MixtureTable(QWidget* parent) : QWidget(parent) {
  m_table = new QTableWidget(0, 3, this);
  // Symbols, not words: the header must fit three spin boxes at presentation font sizes.
  m_table->setHorizontalHeaderLabels({tr("w"), tr("μ"), tr("s")});
  m_table->horizontalHeaderItem(0)->setToolTip(
      tr("w: mixture weight w_j, the share of the data x_0 in this component (weights are normalised)."));
  m_table->horizontalHeaderItem(1)->setToolTip(
      tr("μ: mean μ_j of the component, where a mode of the data q(x_0) sits."));
  m_table->horizontalHeaderItem(2)->setToolTip(
      tr("s: standard deviation s_j of the component. Diffusing to step t gives a Gaussian with mean "
         "√ᾱ_t μ_j and variance ᾱ_t s_j² + 1 − ᾱ_t."));
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setToolTip(tr("The data distribution q(x_0): a mixture of Gaussians. Edit a cell to re-run the chains."));

  m_add = new QPushButton(tr("Add"), this);
  m_add->setObjectName(QStringLiteral("mixtureAdd"));
  m_add->setToolTip(tr("Add a mixture component (a new mode of the data)."));
  m_remove = new QPushButton(tr("Remove"), this);
  m_remove->setObjectName(QStringLiteral("mixtureRemove"));
  m_remove->setToolTip(tr("Remove the selected component (or the last one)."));

  connect(m_add, &QPushButton::clicked, this, [this] {
    const auto cs = components();
    Component1D c;
    c.mean = cs.empty() ? 0.0 : cs.back().mean + 1.5;
    appendRow(c);
    updateButtons();
    Q_EMIT componentsChanged();
  });
  connect(m_remove, &QPushButton::clicked, this, [this] {
    if (m_table->rowCount() <= 1) return;
    int row = m_table->currentRow();
    if (row < 0) row = m_table->rowCount() - 1;
    m_table->removeRow(row);
    updateButtons();
    Q_EMIT componentsChanged();
  });

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_add);
  buttons->addWidget(m_remove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_table, 1);
  layout->addLayout(buttons);
}

std::vector<Component1D> MixtureTable::components() const {
  std::vector<Component1D> out;
  for (int r = 0; r < m_table->rowCount(); ++r)
    out.push_back({cell(r, 0)->value(), cell(r, 1)->value(), cell(r, 2)->value()});
  return out;
}

void MixtureTable::setComponents(const std::vector<Component1D>& components) {
  m_silent = true;
  m_table->setRowCount(0);
  for (const auto& c : components) appendRow(c);
  m_silent = false;
  updateButtons();
}

int MixtureTable::rowCount() const { return m_table->rowCount(); }

QDoubleSpinBox* MixtureTable::cell(int row, int column) const {
  return qobject_cast<QDoubleSpinBox*>(m_table->cellWidget(row, column));
}

void MixtureTable::appendRow(const Component1D& c) {
  const int row = m_table->rowCount();
  m_table->insertRow(row);
  auto make = [&](int column, double lo, double hi, double step, double value, const QString& tip) {
    auto* box = new QDoubleSpinBox(m_table);
    box->setObjectName(QStringLiteral("cell%1,%2").arg(row).arg(column));
    box->setRange(lo, hi);
    box->setDecimals(2);
    box->setSingleStep(step);
    box->setValue(value);
    box->setKeyboardTracking(false);  // one edit = one new job, committed on Enter or focus-out
    box->setFrame(false);
    box->setToolTip(tip);
    connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
      if (!m_silent) Q_EMIT componentsChanged();
    });
    m_table->setCellWidget(row, column, box);
  };
  make(0, 0.01, 100.0, 0.05, c.weight, tr("Weight w_j of this component in q(x_0)."));
  make(1, -10.0, 10.0, 0.25, c.mean, tr("Mean μ_j of this component of q(x_0)."));
  make(2, 0.02, 5.0, 0.05, c.std, tr("Standard deviation s_j of this component of q(x_0)."));
}

void MixtureTable::updateButtons() {
  m_remove->setEnabled(m_table->rowCount() > 1);
  m_add->setEnabled(m_table->rowCount() < kMaxComponents);
}

}  // namespace ds::ui
