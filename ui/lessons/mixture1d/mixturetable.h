#pragma once
// An editable table of 1-D mixture components (weight, mean, std), one spin box per cell, with
// Add / Remove buttons (named mixtureAdd, mixtureRemove). Emits componentsChanged() once per
// committed edit; the lesson puts the rows into its document.

#include "ui/lessons/mixture1d/mixture1ddocument.h"

#include <QWidget>

#include <vector>

class QTableWidget;
class QPushButton;
class QDoubleSpinBox;

namespace ds::ui {

class MixtureTable : public QWidget {
  Q_OBJECT

 public:
  explicit MixtureTable(QWidget* parent = nullptr);

  std::vector<Component1D> components() const;
  // Replaces the rows without emitting componentsChanged().
  void setComponents(const std::vector<Component1D>& components);

  int rowCount() const;
  // The spin box of a cell (column 0 weight, 1 mean, 2 std); named "cell<row>,<column>".
  QDoubleSpinBox* cell(int row, int column) const;

 Q_SIGNALS:
  void componentsChanged();

 private:
  void appendRow(const Component1D& c);
  void updateButtons();

  QTableWidget* m_table = nullptr;
  QPushButton* m_add = nullptr;
  QPushButton* m_remove = nullptr;
  bool m_silent = false;
};

}  // namespace ds::ui
