"""placeholder"""
import codecs
from dataclasses import dataclass
@dataclass(frozen=True)
class DecodeResult:
    text: str
    encoding: str
    confidence: float
def decode_bytes(data):
    return DecodeResult(data.decode('utf-8','replace'),'utf-8',0.0)
