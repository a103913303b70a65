"""Reads sacplate's output files with the readers users open them with, and prints what they saw as JSON.

    python3 read-outputs.py extxyz:final.extxyz vti:final.vti pvd:snapshots/snapshots.pvd ...

- extxyz: ase.io.read(path, format='extxyz', index=':') (ASE's own reader; OVITO follows the same
  format). Per frame: atom count, symbols, cell (Angstrom), pbc, positions, the per-atom arrays
  other than numbers/positions, and atoms.info with the type ASE gave each value.
- vti: VTK's vtkXMLImageDataReader (what ParaView uses for .vti): dimensions, extent, spacing,
  origin, direction, every point/cell data array (name, VTK type, components, values) and every
  field data array (name, class, VTK type, value), plus what VTK wrote to its error output.
- pvd: VTK 9.1 has no .pvd reader (ParaView's vtkPVDReader is ParaView's own); the collection is
  parsed with VTK's vtkXMLDataParser (the parser under VTK's and ParaView's XML readers) and every
  DataSet's file is read with vtkXMLImageDataReader as above.

Checks are the calling test's (test/outputs-readers.test.ts): this only reports.
"""
import json
import math
import os
import sys

import numpy as np
import ase
import ase.io
import vtkmodules
from vtkmodules.vtkCommonCore import vtkOutputWindow, vtkStringOutputWindow
from vtkmodules.vtkIOXML import vtkXMLImageDataReader
from vtkmodules.vtkIOXMLParser import vtkXMLDataParser
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkVersion

# VTK's errors and warnings go to a string we return, not to the terminal
LOG = vtkStringOutputWindow()
vtkOutputWindow.SetInstance(LOG)


def plain(v):
    """A JSON value for a number, bool, string or array; non-finite floats as 'nan', 'inf', '-inf'."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else ('nan' if math.isnan(f) else ('inf' if f > 0 else '-inf'))
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()] if v.ndim > 0 else plain(v.item())
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v


def kind(v):
    if isinstance(v, (bool, np.bool_)):
        return 'bool'
    if isinstance(v, (int, np.integer)):
        return 'int'
    if isinstance(v, (float, np.floating)):
        return 'float'
    if isinstance(v, str):
        return 'str'
    if isinstance(v, np.ndarray):
        return 'array'
    return type(v).__name__


def read_extxyz(path):
    frames = ase.io.read(path, format='extxyz', index=':')
    out = []
    for a in frames:
        out.append({
            'n': len(a),
            'symbols': a.get_chemical_symbols(),
            'numbers': a.get_atomic_numbers().tolist(),
            'cell': a.cell.array.tolist(),
            'pbc': [bool(b) for b in a.pbc],
            'positions': a.positions.tolist(),
            'arrays': {k: {'dtype': str(v.dtype), 'values': plain(v)} for k, v in a.arrays.items() if k not in ('numbers', 'positions')},
            'info': {k: {'type': kind(v), 'value': plain(v)} for k, v in a.info.items()},
        })
    return {'frames': out}


def array_info(arr, values=True):
    d = {
        'name': arr.GetName(),
        'class': arr.GetClassName(),
        'type': arr.GetDataTypeAsString(),
        'components': arr.GetNumberOfComponents(),
        'tuples': arr.GetNumberOfTuples(),
    }
    if values:
        if arr.IsA('vtkStringArray'):
            d['values'] = [arr.GetValue(i) for i in range(arr.GetNumberOfValues())]
        else:
            d['values'] = plain(vtk_to_numpy(arr))
    return d


def logged_since(start):
    """what VTK wrote to its error output since it held `start` characters"""
    return LOG.GetOutput()[start:]


def read_vti(path):
    start = len(LOG.GetOutput())
    r = vtkXMLImageDataReader()
    can = r.CanReadFile(path)
    r.SetFileName(path)
    r.Update()
    im = r.GetOutput()
    cd, pd, fd = im.GetCellData(), im.GetPointData(), im.GetFieldData()
    dm = im.GetDirectionMatrix()
    return {
        'can_read': bool(can),
        'errors': logged_since(start),
        'dimensions': list(im.GetDimensions()),
        'extent': list(im.GetExtent()),
        'spacing': list(im.GetSpacing()),
        'origin': list(im.GetOrigin()),
        'direction': [dm.GetElement(i, j) for i in range(3) for j in range(3)],
        'cells': im.GetNumberOfCells(),
        'points': im.GetNumberOfPoints(),
        'cell_scalars': cd.GetScalars().GetName() if cd.GetScalars() is not None else None,
        'cell_data': [array_info(cd.GetAbstractArray(i)) for i in range(cd.GetNumberOfArrays())],
        'point_data': [array_info(pd.GetAbstractArray(i)) for i in range(pd.GetNumberOfArrays())],
        'field_data': [array_info(fd.GetAbstractArray(i)) for i in range(fd.GetNumberOfArrays())],
    }


def read_pvd(path):
    start = len(LOG.GetOutput())
    p = vtkXMLDataParser()
    p.SetFileName(path)
    ok = p.Parse()
    errors = logged_since(start)
    root = p.GetRootElement()
    out = {'parsed': bool(ok), 'errors': errors, 'root': root.GetName() if root else None,
           'type': root.GetAttribute('type') if root else None, 'datasets': []}
    coll = root.FindNestedElementWithName('Collection') if root else None
    if coll is None:
        return out
    base = os.path.dirname(path)
    for i in range(coll.GetNumberOfNestedElements()):
        e = coll.GetNestedElement(i)
        f = e.GetAttribute('file')
        out['datasets'].append({
            'element': e.GetName(),
            'timestep': float(e.GetAttribute('timestep')),
            'file': f,
            'vti': read_vti(os.path.join(base, f)),
        })
    return out


READERS = {'extxyz': read_extxyz, 'vti': read_vti, 'pvd': read_pvd}

if __name__ == '__main__':
    files = {}
    for arg in sys.argv[1:]:
        k, path = arg.split(':', 1)
        files[arg] = READERS[k](path)
    print(json.dumps({'ase': ase.__version__, 'vtk': vtkVersion.GetVTKVersion(), 'files': files}))
