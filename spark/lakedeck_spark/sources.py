"""Source field names (portal CSV headers, SODA API fields, reference extracts) -> English names.

Order follows the portal export, so a header list doubles as the expected CSV layout.
"""
import unicodedata

from .catalog import RAW_FIELDS

COVID_CSV_HEADERS = (
    "fecha reporte web", "ID de caso", "Fecha de notificación", "Código DIVIPOLA departamento",
    "Nombre departamento", "Código DIVIPOLA municipio", "Nombre municipio", "Edad",
    "Unidad de medida de edad", "Sexo", "Tipo de contagio", "Ubicación del caso", "Estado",
    "Código ISO del país", "Nombre del país", "Recuperado", "Fecha de inicio de síntomas",
    "Fecha de muerte", "Fecha de diagnóstico", "Fecha de recuperación", "Tipo de recuperación",
    "Pertenencia étnica", "Nombre del grupo étnico",
)

COVID_API_FIELDS = (
    "fecha_reporte_web", "id_de_caso", "fecha_de_notificaci_n", "departamento", "departamento_nom",
    "ciudad_municipio", "ciudad_municipio_nom", "edad", "unidad_medida", "sexo",
    "fuente_tipo_contagio", "ubicacion", "estado", "pais_viajo_1_cod", "pais_viajo_1_nom",
    "recuperado", "fecha_inicio_sintomas", "fecha_muerte", "fecha_diagnostico", "fecha_recuperado",
    "tipo_recuperacion", "per_etn_", "nom_grupo_",
)

DIVIPOLA_HEADERS = (
    "Código Departamento", "Nombre Departamento", "Código Municipio", "Nombre Municipio",
    "Tipo: Municipio / Isla / Área no municipalizada", "longitud", "Latitud",
)
DIVIPOLA_FIELDS = (
    "department_code", "department_name", "municipality_code", "municipality_name",
    "municipality_type", "longitude", "latitude",
)

DEPARTMENTS_HEADERS = ("codigo_departamento", "departamento", "poblacion")
DEPARTMENTS_FIELDS = ("department_code", "department_name", "population")

CSV_TO_FIELD = dict(zip(COVID_CSV_HEADERS, RAW_FIELDS))
API_TO_FIELD = dict(zip(COVID_API_FIELDS, RAW_FIELDS))


def header_key(name):
    """Comparison key for a header: no BOM, accents, case or extra spaces.

    Exports differ in exactly these ways (BOM from spreadsheet tools, 'Fecha De Notificacion');
    the meaning of the column does not.
    """
    text = name.replace("\ufeff", "").strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())
