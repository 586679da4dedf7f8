package enforcement

import "context"

// Placeholders until the registry part lands; that part deletes this file.

func (s *Service) item(ctx context.Context, id int64) (Item, error) {
	return Item{}, ErrRegistryPending
}
func (s *Service) officer(ctx context.Context, id int64) (Officer, error) {
	return Officer{}, ErrRegistryPending
}
func (s *Service) subject(ctx context.Context, id int64) (Subject, error) {
	return Subject{}, ErrRegistryPending
}
func (s *Service) currentItems(ctx context.Context, unitID int64) ([]Item, error) {
	return nil, ErrRegistryPending
}
func (s *Service) unitOfficers(ctx context.Context, unitID int64) ([]Officer, error) {
	return nil, ErrRegistryPending
}
